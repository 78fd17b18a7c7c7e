using Slipway.Delivery.Charts;
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

    /// <summary>Refuses, before anything is written, a repository with no runnable project or two of one name.</summary>
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
        writer.Write("charts/apps/Chart.yaml", RepositoryFiles.UmbrellaChart(projects, version));
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

    private string Relative(AbsolutePath path) => path.RelativeTo(root).Replace('\\', '/');

    /// <summary>The build and every project of the repository (tests included), for a solution at its root.</summary>
    private IEnumerable<string> ProjectsForSolution() =>
        new[] { "build/_build.csproj" }.Concat(RunnableProject.AllProjects(root).Select(Relative)
            .Order(StringComparer.Ordinal));

    /// <summary>The SDK `dotnet` picks here (no global.json yet): the one to pin.</summary>
    private async Task<string> SdkVersionAsync(CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync("dotnet", ["--version"],
            new ProcessOptions { WorkingDirectory = root, LogOutput = false, LogInvocation = false }, ct);
        return result.StandardOutput.Trim();
    }
}
