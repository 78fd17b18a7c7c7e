using Slipway.Delivery.Environments;

namespace Slipway.Delivery.Ci.Planning;

/// <summary>An environment as CI sees it: the refs that select it, or every unclaimed branch for the fallback one.</summary>
public sealed record CiEnvironment(DeploymentEnvironment Environment, bool IsFallback)
{
    public string Name => Environment.Name;
    public IReadOnlyList<string> Branches => Environment.Branches;
    public IReadOnlyList<string> TagPatterns => Environment.TagPatterns;
    /// <summary>CI deploys here: a branch or tag maps to it.</summary>
    public bool IsDeployTarget => Branches.Count > 0 || TagPatterns.Count > 0;
}
