using Slipway.Engine;

namespace Slipway.Delivery.Stack;

/// <summary>
/// Where a running local stack leaves what a build needs from it: its endpoints (stack.env) and its admin kubeconfig,
/// under <c>.nuke/temp/stack</c> of the repository. The stack itself (Slipway.LocalStack) writes them.
/// </summary>
public sealed class LocalStackFiles(AbsolutePath repositoryRoot)
{
    public AbsolutePath State => repositoryRoot / ".nuke" / "temp" / "stack";
    public AbsolutePath EnvironmentFile => State / "stack.env";
    public AbsolutePath Kubeconfig => State / "kube" / "kubeconfig";
}
