using Slipway.Delivery.Charts;
using Slipway.Engine;

namespace Slipway.Delivery.Adoption;

/// <summary>
/// Adopt: what deploying this repository's services with Slipway needs, added beside what it has. `dotnet new
/// slipway` runs it once; run again, it adds what is missing (a new service's Dockerfile, chart and values).
/// </summary>
public interface IAdopt : ISlipwayBuild
{
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

            foreach (var kept in writer.Kept) Log.Information($"kept     {kept}");
            foreach (var written in writer.Written) Log.Information($"written  {written}");
            Log.Success($"{projects.Count} component(s): {string.Join(", ", projects.Select(p => p.Name))}. Next: " +
                        "./build.sh DeployApps --env local (builds, pushes and deploys them to the local stack).");
        });

    /// <summary>
    /// The CI files, from the components just written: by a new run of the build (this one was compiled before
    /// build/Build.Components.cs listed them). CI files the repository has are kept unless --force.
    /// </summary>
    private async Task GenerateCiAsync(AdoptionWriter writer, CancellationToken ct)
    {
        var workflows = RootDirectory / ".github" / "workflows";
        var existing = new[] { RootDirectory / ".gitlab-ci.yml" }.Where(f => f.FileExists)
            .Concat(workflows.DirectoryExists ? Directory.GetFiles(workflows).Select(AbsolutePath.From) : []).ToList();
        if (existing.Count > 0 && !Force)
        {
            writer.Kept.Add(string.Join(", ", existing.Select(f => f.RelativeTo(RootDirectory))) +
                            " (./build.sh GenerateCi writes Slipway's CI files over them)");
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
