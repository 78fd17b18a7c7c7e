using Slipway.Delivery.Deploy;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Helm;
using Slipway.Engine;

namespace Slipway.Delivery.Charts;

/// <summary>Chart checks and renders: version sync, lint and template for every chart × environment, manifests per environment.</summary>
public interface ICharts : IHazReleases
{
    AbsolutePath ChartsDirectory => RootDirectory / "charts";

    Target SyncChartVersions => _ => _
        .Description("Write the VERSION file's version into every Chart.yaml (version and appVersion)")
        .Executes(() =>
        {
            var version = ChartVersions.Read(RootDirectory);
            var changed = ChartVersions.Sync(ChartVersions.ChartFiles(ChartsDirectory), version);
            Log.Information(changed.Count == 0 ? $"Every chart is at {version}."
                : $"Set {version} in {string.Join(", ", changed.Select(f => f.RelativeTo(RootDirectory)))}.");
        });

    Target LintCharts => _ => _
        .Description("Lint --strict and template every chart for every environment; fails on any error")
        .After<ICharts>(x => x.SyncChartVersions)
        .Executes(async ct =>
        {
            var version = ChartVersions.Read(RootDirectory);
            var stale = ChartVersions.Stale(ChartVersions.ChartFiles(ChartsDirectory), version);
            if (stale.Count > 0)
                throw new TargetFailedException($"Charts are not at VERSION {version}: " +
                    string.Join(", ", stale.Select(s => $"{s.File.RelativeTo(RootDirectory)} ({s.Version}/{s.AppVersion})")) + ". Run ./build.sh SyncChartVersions.");

            var helm = Helm;
            var failures = new List<string>();
            // every chart's dependencies first: a subchart lints only once the charts it depends on are packed
            var built = new HashSet<string>(StringComparer.Ordinal);
            foreach (var release in Releases) await ChartDependencies.BuildAsync(helm, release.Chart, ct, built);
            foreach (var chart in ChartVersions.ChartFiles(ChartsDirectory).Select(f => f.Parent))
            {
                if (Releases.Any(r => r.Chart.Equals(chart))) continue;
                try
                {
                    await ChartDependencies.BuildAsync(helm, chart, ct, built);
                    await helm.LintAsync(chart, [], [], ct);
                }
                catch (HelmException e) { failures.Add($"{chart.RelativeTo(RootDirectory)}: {e.Message}"); }
            }
            foreach (var release in Releases)
            {
                foreach (var environment in Environments)
                {
                    var env = Concrete(environment);
                    var layers = ValuesLayers.For(RootDirectory, env, release, Components, RenderRegistry, [],
                        pinDigests: false);
                    try
                    {
                        await helm.LintAsync(release.Chart, layers.Files, layers.Set, ct);
                        await helm.TemplateAsync(release.ReleaseName, release.Chart, NamespaceOf(env), layers.Files, layers.Set, ct);
                        Log.Information($"✓ {release.ReleaseName} × {environment.Name}");
                    }
                    catch (HelmException e)
                    {
                        failures.Add($"{release.ReleaseName} × {environment.Name}: {e.ErrorOutput?.Trim() ?? e.Message}");
                    }
                }
            }
            if (failures.Count > 0) throw new TargetFailedException("Charts do not lint:\n  - " + string.Join("\n  - ", failures));
        });

    Target RenderManifests => _ => _
        .Description("Render the environment's releases to artifacts/manifests/<env>/<release>.yaml")
        .Validates(CheckEnvironment)
        .Executes(async ct =>
        {
            var environment = Environment;
            var directory = (ArtifactsDirectory / "manifests" / environment.Name).CleanDirectory();
            var registry = environment.TargetRegistry is { } target ? VariableExpander.Expand(target, Variable) : null;
            foreach (var release in await ReleasesForAsync(environment, ct))
            {
                var manifests = await RenderAsync(environment, release,
                    string.IsNullOrEmpty(registry) ? RenderRegistry : registry, ct);
                await File.WriteAllTextAsync(directory / $"{release.ReleaseName}.yaml", manifests, ct);
                Log.Information($"{(directory / $"{release.ReleaseName}.yaml").RelativeTo(RootDirectory)}: {Images.ManifestImages.Find(manifests).Count} images");
            }
        });

    /// <summary>A preview environment renders with a placeholder branch.</summary>
    private static DeploymentEnvironment Concrete(DeploymentEnvironment environment) =>
        environment.IsPreview && environment.Namespace == null ? EnvironmentResolver.ForBranch([environment with { Branches = ["feature/lint"] }], "feature/lint")! : environment;
}
