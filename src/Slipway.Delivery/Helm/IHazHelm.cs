using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>Gives components helm, resolved once per run by <see cref="HelmTool"/>.</summary>
public interface IHazHelm : ISlipwayBuild
{
    /// <summary>Lint, template, dependencies; for a cluster: <c>Helm.WithCluster(kubeconfig, context)</c>.</summary>
    HelmClient Helm => HelmTool.Resolve(EnvironmentVariables);
}
