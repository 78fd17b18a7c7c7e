using Slipway.Delivery.Charts;
using Slipway.Delivery.Deploy;
using Slipway.Engine;

namespace Slipway.Delivery.Adoption;

/// <summary>Every file an adoption adds to a repository, for the runnable projects found in it.</summary>
public sealed class AdoptionPlan(
    AbsolutePath root, IReadOnlyList<RunnableProject> projects, string entityNamespace, string sharedRegistry)
{
    private const string DefaultVersion = "0.1.0";

    /// <summary>The build's component list, written from the projects found.</summary>
    public const string ComponentsFile = "build/Build.Components.cs";

    /// <summary>Where component charts find the library chart (PublishLibraryChart pushes it there).</summary>
    public string LibraryRepository => $"oci://{sharedRegistry}/{IPublishLibraryChart.ChartRepository}";

    /// <summary>Refuses, before any write, a repository with no runnable project or two of one name.</summary>
    public static void CheckComponents(AbsolutePath root, IReadOnlyList<RunnableProject> projects)
    {
        if (projects.Count == 0)
            throw new TargetFailedException($"No runnable project was found under {root}: Slipway looks for " +
                ".csproj files with Sdk=\"Microsoft.NET.Sdk.Web\" or \"Microsoft.NET.Sdk.Worker\", or OutputType " +
                "Exe (tests, bin/, obj/ and build/ aside). Add one, or list components by hand in " +
                "build/Build.Components.cs. Adopt wrote nothing.");
        var duplicate = projects.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new TargetFailedException($"Two projects give the component name '{duplicate.Key}': " +
                string.Join(", ", duplicate.Select(p => p.Project.RelativeTo(root))) +
                ". Rename one, or list components by hand in build/Build.Components.cs. Adopt wrote nothing.");
    }

    public async Task WriteAsync(AdoptionWriter writer, CancellationToken ct)
    {
        var version = (root / "VERSION").FileExists ? File.ReadAllText(root / "VERSION").Trim() : DefaultVersion;
        writer.Write("VERSION", version + "\n");
        var placed = projects.Select(p => (Project: p, Path: Relative(p.Project))).ToList();
        writer.Write(ComponentsFile, RepositoryFiles.BuildComponents(placed),
            text => text.Contains(RepositoryFiles.PlaceholderMarker, StringComparison.Ordinal));

        foreach (var (project, path) in placed)
        {
            var folder = Relative(project.Project.Parent);
            writer.Write($"{folder}/Dockerfile", ComponentFiles.Dockerfile(project, folder));
            writer.Write($"{folder}/.dockerignore", ComponentFiles.DockerIgnore);
            var chart = $"charts/apps/components/{project.Name}";
            writer.Write($"{chart}/Chart.yaml",
                ComponentFiles.ChartYaml(project, folder, version, LibraryRepository, LibraryChart.Version));
            writer.Write($"{chart}/values.yaml", ComponentFiles.ChartValues(project, entityNamespace));
            writer.Write($"{chart}/templates/component.yaml", ComponentFiles.ChartTemplate);
            writer.Write($"deploy/values/components/{project.Name}.yaml", ComponentFiles.ComponentValues(project));
        }
        if (!writer.Write(Umbrella, RepositoryFiles.UmbrellaChart(projects, version))) AddToUmbrella(writer);
        writer.Write("charts/apps/values.yaml", RepositoryFiles.UmbrellaValues(projects, entityNamespace));
        writer.Write("deploy/values/common.yaml", RepositoryFiles.CommonValues(entityNamespace));
        writer.Write("deploy/values/local.yaml", RepositoryFiles.LocalValues);
        writer.Write(".nuke/parameters.json", RepositoryFiles.Parameters);
        if (!(root / "global.json").FileExists)
            writer.Write("global.json", RepositoryFiles.GlobalJson(await SdkVersionAsync(ct)));
        if (!Directory.EnumerateFiles(root, "*.sln*").Any())
            writer.Write($"{root.Name}.slnx", RepositoryFiles.Solution(ProjectsForSolution()));
        writer.Append(".gitignore", RepositoryFiles.IgnoredOutputs, "build outputs (Slipway)");
        writer.Append("charts/.gitignore", RepositoryFiles.IgnoredChartOutputs,
            "packed by the build: local dependencies and the slipway-component library");
    }

    private const string Umbrella = "charts/apps/Chart.yaml";

    /// <summary>
    /// A kept umbrella gets the charts of components it lacks, at the end of its dependencies when they end the file;
    /// otherwise the entries to add are said.
    /// </summary>
    private void AddToUmbrella(AdoptionWriter writer)
    {
        var file = root / Umbrella;
        var listed = ChartDependency.Of(file.Parent).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var missing = projects.Where(p => !listed.Contains(p.Name)).ToList();
        if (missing.Count == 0) return;
        var text = File.ReadAllText(file);
        var entries = RepositoryFiles.UmbrellaEntries(missing);
        if (LastTopLevelKey(text) != "dependencies")
        {
            writer.Warnings.Add($"{Umbrella} does not deploy {string.Join(", ", missing.Select(p => p.Name))}: add " +
                                $"to its dependencies:\n{entries}");
            return;
        }
        File.WriteAllText(file, text + (text.EndsWith('\n') ? "" : "\n") + entries);
        writer.Written.Add($"{Umbrella} (dependencies: {string.Join(", ", missing.Select(p => p.Name))})");
    }

    /// <summary>The last key at the start of a line (not a comment, not indented).</summary>
    private static string? LastTopLevelKey(string text) => text.Split('\n')
        .Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l[0] is not ('#' or '-') && l.Contains(':'))
        .Select(l => l[..l.IndexOf(':')].Trim()).LastOrDefault();

    private string Relative(AbsolutePath path) => path.RelativeTo(root).Replace('\\', '/');

    /// <summary>The build and every project of the repository (tests included), for a solution at its root.</summary>
    private IEnumerable<string> ProjectsForSolution() =>
        new[] { "build/_build.csproj" }.Concat(RunnableProject.AllProjects(root).Select(Relative)
            .Order(StringComparer.Ordinal));

    /// <summary>The SDK the dotnet running this build picks here (no global.json yet): the one to pin.</summary>
    private async Task<string> SdkVersionAsync(CancellationToken ct)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : "dotnet";
        var result = await ProcessRunner.RunAsync(host, ["--version"],
            new ProcessOptions { WorkingDirectory = root, LogOutput = false, LogInvocation = false }, ct);
        return result.StandardOutput.Trim();
    }
}
