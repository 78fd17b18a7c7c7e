using Slipway.Engine;

namespace Slipway.Delivery.Stack;

/// <summary>
/// Where a running local stack leaves what a build needs from it: its endpoints (stack.env) and its admin kubeconfig,
/// under <c>.nuke/temp/stack</c> of the repository, or in <c>$SLIPWAY_STACK_HOME</c> when set (repositories on one
/// machine then share one stack). The stack itself (Slipway.LocalStack) writes them.
/// </summary>
public sealed class LocalStackFiles(AbsolutePath repositoryRoot)
{
    public const string HomeVariable = "SLIPWAY_STACK_HOME";

    public AbsolutePath State => Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home
        ? AbsolutePath.From(Path.GetFullPath(home))
        : repositoryRoot / ".nuke" / "temp" / "stack";
    public AbsolutePath EnvironmentFile => State / "stack.env";
    public AbsolutePath Kubeconfig => State / "kube" / "kubeconfig";
}
