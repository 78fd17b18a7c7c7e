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

    async Task<string> RenderAsync(DeploymentEnvironment environment, ReleaseDefinition release, string registry, CancellationToken ct)
    {
        var helm = Helm;
        await ChartDependencies.BuildAsync(helm, release.Chart, ct);
        var layers = ValuesLayers.For(RootDirectory, environment, release, Components, registry, RunImages, pinDigests: false);
        return await helm.TemplateAsync(release.ReleaseName, release.Chart, NamespaceOf(environment), layers.Files, layers.Set, ct);
    }
}
