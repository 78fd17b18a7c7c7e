using System.Security.Cryptography;
using Slipway.Delivery.Components;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>
/// What a .NET component's publish output is made from: the files of its project's folder and of the projects it
/// references (bin/, obj/ and publish/ left out), and the .NET build files above them (Directory.Build.props/targets,
/// Directory.Packages.props, global.json, nuget.config). Its image inputs use these instead of the publish output,
/// which carries build times (static web assets' Last-Modified): a second pipeline on the same commit finds the image
/// unchanged, and an unchanged component is not published at all.
/// </summary>
public static class ProjectSources
{
    private static readonly string[] Outputs = ["bin", "obj", "publish"];
    private static readonly string[] BuildFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config",
         "NuGet.config"];

    /// <summary>Whether a path of the build context (relative, '/'-separated) is in bin/, obj/ or publish/.</summary>
    public static bool IsBuildOutput(string path) =>
        Outputs.Any(folder => path.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>One <c>source:&lt;path relative to the context&gt;:&lt;sha256&gt;</c> line per file, ordered.</summary>
    public static IReadOnlyList<string> Inputs(Component component)
    {
        if (component.Project is not { } project) return [];
        var folders = new[] { project }.Concat(ComponentInputs.ReferencedProjects(project))
            .Select(p => p.Parent).ToList();
        var files = folders.SelectMany(FilesIn).Concat(folders.SelectMany(BuildFilesAbove)).Distinct();
        return files
            .Select(file => Path.GetRelativePath(component.Context, file).Replace('\\', '/') + ":" + Sha256(file))
            .Order(StringComparer.Ordinal)
            .Select(line => "source:" + line)
            .ToList();
    }

    private static IEnumerable<string> FilesIn(AbsolutePath folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(file => !Path.GetRelativePath(folder, file).Split('/', '\\').SkipLast(1)
                    .Any(part => Outputs.Contains(part, StringComparer.OrdinalIgnoreCase)))
            : [];

    /// <summary>The build files MSBuild and the SDK read from the folder's ancestors.</summary>
    private static IEnumerable<string> BuildFilesAbove(AbsolutePath folder)
    {
        for (var current = folder.Parent; ; current = current.Parent)
        {
            foreach (var name in BuildFiles.Where(n => File.Exists(current / n))) yield return current / name;
            if (current.Equals(current.Parent)) yield break;
        }
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
