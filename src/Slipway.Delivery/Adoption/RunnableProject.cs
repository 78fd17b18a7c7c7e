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

    /// <summary>Packages that make a project a test project (its tests run it; it is not deployed).</summary>
    private static readonly string[] TestPackages =
        ["Microsoft.NET.Test.Sdk", "xunit.v3", "TUnit", "MSTest", "NUnit", "Microsoft.Testing.Platform"];

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
        // by local name: an old-style project declares the MSBuild XML namespace
        IEnumerable<XElement> Elements(string name) => project.Descendants().Where(e => e.Name.LocalName == name);
        string? Property(string name) => Elements(name).LastOrDefault()?.Value.Trim();
        var sdks = (project.Attribute("Sdk")?.Value ?? "").Split(';', StringSplitOptions.TrimEntries)
            .Concat(Elements("Sdk").Select(e => e.Attribute("Name")?.Value ?? "")).ToList();
        bool HasSdk(string name) => sdks.Any(s => s.Split('/')[0].Equals(name, StringComparison.OrdinalIgnoreCase));
        var packages = Elements("PackageReference").Select(p => p.Attribute("Include")?.Value ?? "").ToList();
        var isTest = string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
                     || HasSdk("MSTest.Sdk")
                     || packages.Any(p => TestPackages.Contains(p, StringComparer.OrdinalIgnoreCase));
        // an Aspire AppHost starts the others on a developer's machine; it is not deployed
        var isAppHost = HasSdk("Aspire.AppHost.Sdk")
                        || string.Equals(Property("IsAspireHost"), "true", StringComparison.OrdinalIgnoreCase);
        var isWeb = HasSdk("Microsoft.NET.Sdk.Web");
        var isWorker = HasSdk("Microsoft.NET.Sdk.Worker");
        var isExe = string.Equals(Property("OutputType"), "Exe", StringComparison.OrdinalIgnoreCase);
        if (isTest || isAppHost || !(isWeb || isWorker || isExe)) return null;
        var fileName = Path.GetFileNameWithoutExtension(file.Value);
        return new RunnableProject(ComponentName.From(fileName), file, Property("AssemblyName") ?? fileName, isWeb);
    }
}
