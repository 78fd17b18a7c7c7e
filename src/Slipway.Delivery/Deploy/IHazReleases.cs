using Slipway.Delivery.Components;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>The Helm releases of the system (in deploy order) and how each renders in an environment.</summary>
public interface IHazReleases : IHazComponents, IHazEnvironments, IHazImageRegistry, IHazHelm
{
    IReadOnlyList<ReleaseDefinition> Releases { get; }

    [Parameter("The release version of the charts (and image tags) PublishCharts publishes and an environment with " +
               "PublishedCharts deploys (default: the release tag at HEAD, v<version>)")]
    string? ChartVersion => TryGetValue(() => ChartVersion);

    /// <summary>
    /// The registry a render without a deploy (lint, manifests, image lists) names: --registry, else the running local
    /// stack's, else a placeholder, so rendering needs neither a registry nor a cluster.
    /// </summary>
    string RenderRegistry => Registry ?? LocalStackEnvironment?.Registry ?? "registry.lint.invalid:5000";

    /// <summary>The environment's namespace (a preview's is derived from its branch).</summary>
    string NamespaceOf(DeploymentEnvironment environment) => environment.Namespace ?? $"slipway-{environment.Name}";

    /// <summary>
    /// This run's images (artifacts/images.json and the per-component records) when PushImage ran; a component without
    /// one deploys the tag in its values file.
    /// </summary>
    IReadOnlyList<BuiltImage> RunImages => RecordedImages ?? [];

    /// <summary>Variables settings may reference: the process's, then the local stack's (stack.env).</summary>
    string? Variable(string name) =>
        EnvironmentVariables.GetValueOrDefault(name) is { Length: > 0 } value ? value
        : LocalStackEnvironment?.Variables.GetValueOrDefault(name);

    /// <summary>
    /// A release as the environment renders it: from its folder, or the published chart (no run images).
    /// </summary>
    async Task<string> RenderAsync(DeploymentEnvironment environment, ReleaseDefinition release, string registry,
        CancellationToken ct)
    {
        var helm = Helm;
        if (release.Published == null) await ChartDependencies.BuildAsync(helm, release.Chart, ct);
        var layers = ValuesLayers.For(RootDirectory, environment, release, Components, registry,
            release.Published == null ? RunImages : [], pinDigests: false);
        return await helm.TemplateAsync(release.ReleaseName, release.ChartArgument, NamespaceOf(environment),
            layers.Files, layers.Set, ct, release.ChartFlags);
    }

    /// <summary>
    /// The releases as <paramref name="environment"/> deploys them: each from its published chart when the environment
    /// declares <see cref="DeploymentEnvironment.PublishedCharts"/> (at its ChartVersion, else --chart-version, else
    /// the release tag at HEAD), else from its folder.
    /// </summary>
    async Task<IReadOnlyList<ReleaseDefinition>> ReleasesForAsync(DeploymentEnvironment environment,
        CancellationToken ct)
    {
        if (environment.PublishedCharts is not { } declared) return Releases;
        var repository = Charts.PublishedChart.RepositoryOf(VariableExpander.Expand(declared, Variable));
        if (repository.Length == 0)
            throw new UsageException($"Environment '{environment.Name}' deploys published charts from {declared}, " +
                                     "which is empty here: set the variables it names.");
        var version = environment.ChartVersion ?? ChartVersion;
        if (version == null)
        {
            var source = await Versioning.SourceVersion.ReadAsync(RootDirectory, ct);
            version = source.ReleaseVersion ?? throw new TargetFailedException(
                $"Environment '{environment.Name}' deploys published charts, and no version says which: HEAD " +
                $"({source.ShortSha}) carries no release tag; pass --chart-version (PublishCharts published it).");
        }
        Versioning.SemanticVersion.Parse(version, environment.ChartVersion != null
            ? $"The ChartVersion of environment '{environment.Name}'" : "--chart-version (or the release tag)");
        return Releases.Select(r => r with
        {
            Published = new Charts.PublishedChart(Charts.ChartPublisher.ChartName(r.Chart), version, repository),
        }).ToList();
    }
}
