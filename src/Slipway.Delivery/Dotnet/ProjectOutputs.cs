using System.Xml.Linq;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>
/// A project's built assemblies (<c>bin/&lt;configuration&gt;/…/&lt;AssemblyName&gt;.dll</c>), each as path, size and
/// write time: a deleted or rewritten output makes the project build again even when its sources did not change.
/// </summary>
public static class ProjectOutputs
{
    /// <summary>The stamps of the outputs found; empty when none is where the SDK puts them by default.</summary>
    public static IReadOnlyList<string> Stamps(AbsolutePath project, AbsolutePath root, string configuration)
    {
        var bin = project.Parent / "bin" / configuration;
        if (!Directory.Exists(bin)) return [];
        return Directory.EnumerateFiles(bin, AssemblyName(project) + ".dll", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(bin, file).Split('/', '\\').Contains("publish"))
            .Select(file => new FileInfo(file))
            .Select(info => $"{Path.GetRelativePath(root, info.FullName).Replace('\\', '/')}|{info.Length}|" +
                            info.LastWriteTimeUtc.Ticks)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The project's AssemblyName when it sets one literally, else its file name.</summary>
    private static string AssemblyName(AbsolutePath project) =>
        XDocument.Load(project).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value
            is { Length: > 0 } name && !name.Contains("$(", StringComparison.Ordinal)
            ? name
            : Path.GetFileNameWithoutExtension(project);
}
