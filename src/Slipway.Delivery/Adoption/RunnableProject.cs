using System.Xml.Linq;
using Slipway.Engine;

namespace Slipway.Delivery.Adoption;

/// <summary>A project of the repository that runs as a service: a web or worker SDK project, or any Exe.</summary>
/// <param name="Name">its component name, the project name in kebab case (<c>Orders.Api</c>: <c>orders-api</c>)</param>
/// <param name="IsWeb">a Microsoft.NET.Sdk.Web project: it serves HTTP</param>
public sealed record RunnableProject(string Name, AbsolutePath Project, string AssemblyName, bool IsWeb)
{
    /// <summary>Folders never searched: outputs, tools' state, and the build itself.</summary>
    private static readonly HashSet<string> Skipped =
        new(["bin", "obj", "node_modules", "artifacts", ".git", ".nuke", ".vs", ".idea", "publish"],
            StringComparer.Ordinal);

    /// <summary>The runnable projects under <paramref name="root"/> (tests and the build excluded), by path.</summary>
    public static IReadOnlyList<RunnableProject> Find(AbsolutePath root)
    {
        var found = new List<RunnableProject>();
        foreach (var file in Files(root, root).Order(StringComparer.Ordinal))
            if (Read(AbsolutePath.From(file)) is { } project) found.Add(project);
        return found;
    }

    /// <summary>Every project file under <paramref name="root"/> (outputs and build/ aside), by path.</summary>
    public static IReadOnlyList<AbsolutePath> AllProjects(AbsolutePath root) =>
        Files(root, root).Order(StringComparer.Ordinal).Select(AbsolutePath.From).ToList();

    private static IEnumerable<string> Files(AbsolutePath root, string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.csproj")) yield return file;
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (Skipped.Contains(name) || (directory == root.Value && name == "build")) continue;
            foreach (var file in Files(root, child)) yield return file;
        }
    }

    private static RunnableProject? Read(AbsolutePath file)
    {
        XDocument document;
        try { document = XDocument.Load(file); }
        catch (System.Xml.XmlException) { return null; }
        var project = document.Root;
        if (project == null) return null;
        string? Property(string name) => project.Descendants(name).LastOrDefault()?.Value.Trim();
        var sdk = project.Attribute("Sdk")?.Value ?? "";
        var packages = project.Descendants("PackageReference").Select(p => p.Attribute("Include")?.Value ?? "");
        var isTest = string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
                     || packages.Any(p => p.Equals("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase));
        var isWeb = sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);
        var isWorker = sdk.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase);
        var isExe = Property("OutputType") is "Exe" or "exe";
        if (isTest || !(isWeb || isWorker || isExe)) return null;
        var fileName = Path.GetFileNameWithoutExtension(file.Value);
        return new RunnableProject(ComponentName.From(fileName), file, Property("AssemblyName") ?? fileName, isWeb);
    }
}
