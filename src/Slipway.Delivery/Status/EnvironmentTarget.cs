using Slipway.Delivery.Deploy;

namespace Slipway.Delivery.Status;

/// <summary>
/// One column of the status matrix: an environment's namespace on its cluster, or why its cluster is unknown here
/// (<see cref="Problem"/>: its kubeconfig variable is not set, its kubeconfig cannot be used).
/// </summary>
public sealed record EnvironmentTarget(string Name, string Namespace, DeployContext? Context, string? Problem = null)
{
    public bool IsPreviewFamily { get; init; }
}
