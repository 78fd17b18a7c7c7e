using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>Gives components helm, resolved once per run by <see cref="HelmTool"/> (HELM, PATH, or the pinned install).</summary>
public interface IHazHelm : ISlipwayBuild
{
    /// <summary>Without cluster access: lint, template, dependencies. For a cluster: <c>Helm.WithCluster(kubeconfig, context)</c>.</summary>
    HelmClient Helm => HelmTool.Resolve(EnvironmentVariables);
}
