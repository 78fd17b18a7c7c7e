using Slipway.Delivery.Ci.Files;
using Slipway.Delivery.Components;
using Slipway.Engine;

namespace Slipway.Delivery.Adoption;

/// <summary>
/// Adopt: what deploying this repository's services with Slipway needs, added beside what it has. `dotnet new
/// slipway` runs it once; run again, it adds what is missing (a new service's Dockerfile, chart and values).
/// </summary>
public interface IAdopt : IHazComponents
{
    /// <summary>The CI files of the template's Build.CI.cs: Adopt writes them unless they are the team's.</summary>
    private static readonly string[] CiFiles = [".gitlab-ci.yml", ".github/workflows/delivery.yml"];

    /// <summary>The first part of image repositories (&lt;entity-namespace&gt;/&lt;component&gt;) and routes.</summary>
    string EntityNamespace { get; }

    /// <summary>The team's registry (images outside the local stack; the library chart's OCI repository).</summary>
    string SharedRegistry { get; }

    [Parameter("Adopt: rewrite files that exist (by default each one is kept)")]
    bool Force => TryGetValue<bool?>(() => Force) ?? false;

    Target Adopt => _ => _
        .Description("Add what deploying this repository's runnable projects needs: the component list, a " +
                     "Dockerfile, chart and values per component, CI files; an existing file is kept unless --force")
        .Executes(async ct =>
        {
            var projects = RunnableProject.Find(RootDirectory);
            AdoptionPlan.CheckComponents(RootDirectory, projects);

            var writer = new AdoptionWriter(RootDirectory, Force);
            var plan = new AdoptionPlan(RootDirectory, projects, EntityNamespace, SharedRegistry);
            await plan.WriteAsync(writer, ct);
            await GenerateCiAsync(writer, ct);
            var undeclared = writer.Kept.Contains(AdoptionPlan.ComponentsFile) ? Undeclared(projects) : [];

            foreach (var kept in writer.Kept) Log.Information($"kept     {kept}");
            foreach (var written in writer.Written) Log.Information($"written  {written}");
            foreach (var warning in writer.Warnings) Log.Warning(warning);
            foreach (var project in undeclared)
            {
                var path = project.Project.RelativeTo(RootDirectory).Replace('\\', '/');
                Log.Warning($"{path} is not in {AdoptionPlan.ComponentsFile}: " +
                            $"add App(\"{project.Name}\", \"{path}\") there (its Dockerfile, chart and values " +
                            "are written).");
            }
            Log.Success($"{projects.Count} component(s): {string.Join(", ", projects.Select(p => p.Name))}. Next: " +
                        "./build.sh DeployApps --env local (builds, pushes and deploys them to the local stack).");
        });

    /// <summary>Runnable projects the build's component list does not name (by project file).</summary>
    private IReadOnlyList<RunnableProject> Undeclared(IReadOnlyList<RunnableProject> projects) =>
        projects.Where(p => Components.All(c => c.Project == null || !c.Project.Equals(p.Project))).ToList();

    /// <summary>
    /// The CI files, from the components just written: by a new run of the build (this one was compiled before
    /// build/Build.Components.cs listed them). CI files of the team's own (not generated) are kept unless --force.
    /// </summary>
    private async Task GenerateCiAsync(AdoptionWriter writer, CancellationToken ct)
    {
        var theirs = CiFiles.Where(f => (RootDirectory / f).FileExists
            && !File.ReadLines(RootDirectory / f).Take(3).Any(l => l.Contains(GeneratedFiles.Marker))).ToList();
        if (theirs.Count > 0 && !Force)
        {
            writer.Kept.Add(string.Join(", ", theirs) + " (./build.sh GenerateCi writes Slipway's CI files over them)");
            return;
        }
        var (program, arguments) = OperatingSystem.IsWindows()
            ? ("pwsh", new[] { "-NoProfile", "-File", (RootDirectory / "build.ps1").Value })
            : ((RootDirectory / "build.sh").Value, Array.Empty<string>());
        await ProcessRunner.RunAsync(program, [.. arguments, "GenerateCi", "--no-logo"],
            new ProcessOptions { WorkingDirectory = RootDirectory, LogInvocation = false }, ct);
        writer.Written.Add("CI files (./build.sh GenerateCi)");
    }
}
