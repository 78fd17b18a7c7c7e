using System.Security.Cryptography;
using System.Xml.Linq;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>
/// What MSBuild compiles a project from: the files of its folder (bin/, obj/, publish/ and hidden folders left out),
/// the projects it references, and the build files the SDK reads from the folders above.
/// </summary>
public static class DotnetSources
{
    private static readonly string[] Outputs = ["bin", "obj", "publish"];

    /// <summary>Files the SDK and NuGet read from a project's folder or any above it.</summary>
    public static readonly IReadOnlyList<string> BuildFileNames =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config",
         "NuGet.config"];

    /// <summary>Whether a relative, '/'-separated path is in bin/, obj/ or publish/.</summary>
    public static bool IsBuildOutput(string path) =>
        Outputs.Any(folder => path.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The project's own files and those of every project it references, with the build files above.</summary>
    public static IEnumerable<string> Files(AbsolutePath project)
    {
        var folders = new[] { project }.Concat(ReferencedProjects(project)).Select(p => p.Parent).ToList();
        return folders.SelectMany(FilesIn).Concat(folders.SelectMany(BuildFilesAbove)).Distinct();
    }

    /// <summary>The projects a project references, transitively (the project itself left out).</summary>
    public static List<AbsolutePath> ReferencedProjects(AbsolutePath project)
    {
        var found = new List<AbsolutePath>();
        var queue = new Queue<AbsolutePath>([project]);
        while (queue.TryDequeue(out var next))
        {
            if (!File.Exists(next)) continue;
            foreach (var reference in XDocument.Load(next).Descendants()
                         .Where(e => e.Name.LocalName == "ProjectReference")
                         .Select(e => e.Attribute("Include")?.Value)
                         .OfType<string>())
            {
                var path = AbsolutePath.From(Path.GetFullPath(Path.Combine(next.Parent, reference.Replace('\\', '/'))));
                if (path.Equals(project) || found.Contains(path)) continue;
                found.Add(path);
                queue.Enqueue(path);
            }
        }
        return found;
    }

    /// <summary>The folder's files; outputs and hidden folders (.vs, .idea) left out, as MSBuild leaves them.</summary>
    public static IEnumerable<string> FilesIn(AbsolutePath folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(file => !Path.GetRelativePath(folder, file).Split('/', '\\').SkipLast(1)
                    .Any(part => part.StartsWith('.') || Outputs.Contains(part, StringComparer.OrdinalIgnoreCase)))
            : [];

    /// <summary>The build files in the folder's ancestors, up to the file system's root.</summary>
    public static IEnumerable<string> BuildFilesAbove(AbsolutePath folder)
    {
        for (var current = folder.Parent; ; current = current.Parent)
        {
            foreach (var name in BuildFileNames.Where(n => File.Exists(current / n))) yield return current / name;
            if (current.Equals(current.Parent)) yield break;
        }
    }

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
