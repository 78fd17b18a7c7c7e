using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.Delivery.Components;

/// <summary>
/// The repository paths whose change can change a component's image, for CI's per-component change rules: its build
/// context, the folders of the projects it references (transitively), the .NET build files above them, and the
/// folders of the declared base images it builds FROM. Folders end with '/'; paths outside the repository are left out.
/// </summary>
public static class ComponentInputs
{
    /// <summary>Repository-wide files every .NET build reads.</summary>
    private static readonly string[] RootFiles =
        ["global.json", "nuget.config", "NuGet.config", "Directory.Packages.props"];
    private static readonly string[] FolderFiles = ["Directory.Build.props", "Directory.Build.targets"];
    private const string BaseRegistryProbe = "base-registry.invalid";

    public static IReadOnlyList<string> Of(Component component, AbsolutePath root, IReadOnlyList<BaseImage> baseImages)
    {
        var folders = new List<AbsolutePath> { component.Context };
        if (component.Project is { } project)
            folders.AddRange(DotnetSources.ReferencedProjects(project).Select(p => p.Parent));
        var paths = folders.Select(f => Folder(root, f)).ToList();
        if (component.Project != null)
        {
            paths.AddRange(folders.SelectMany(f => BuildFilesAbove(root, f)));
            paths.AddRange(RootFiles.Where(f => File.Exists(root / f)));
        }
        paths.AddRange(BaseImagesOf(component, baseImages).Select(b => Folder(root, b.Context)));
        return paths.OfType<string>().Distinct().ToList();
    }

    /// <summary>Directory.Build.props/targets in the folder or any above it, up to the repository root.</summary>
    private static IEnumerable<string> BuildFilesAbove(AbsolutePath root, AbsolutePath folder)
    {
        for (var current = folder; Folder(root, current) != null; current = current.Parent)
        {
            foreach (var name in FolderFiles.Where(n => File.Exists(current / n)))
                yield return Path.GetRelativePath(root, current / name).Replace('\\', '/');
            if (current.Equals(root)) yield break;
        }
    }

    private static IEnumerable<BaseImage> BaseImagesOf(Component component, IReadOnlyList<BaseImage> baseImages)
    {
        var args = new Dictionary<string, string>(component.BuildArgs) { ["BASE_REGISTRY"] = BaseRegistryProbe };
        var froms = new[] { component.Context / "Dockerfile", component.BaseDockerfile }
            .Where(f => File.Exists(f))
            .SelectMany(f => DockerfileBaseImages.Find(File.ReadAllText(f), args))
            .ToHashSet(StringComparer.Ordinal);
        return baseImages.Where(b => froms.Contains($"{BaseRegistryProbe}/{b.Repository}:{b.Tag}"));
    }

    /// <summary>The folder relative to the root, ending with '/' ("" for the root); null when outside it.</summary>
    private static string? Folder(AbsolutePath root, AbsolutePath folder)
    {
        var relative = Path.GetRelativePath(root, folder).Replace('\\', '/');
        if (relative == ".") return "";
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative)
            ? null
            : relative + "/";
    }
}
