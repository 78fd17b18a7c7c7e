using Slipway.Engine;

namespace Slipway.Delivery.Environments;

/// <summary>The environments a build deploys to (declared in C# by the build) and the one this run targets.</summary>
public interface IHazEnvironments : ISlipwayBuild
{
    IReadOnlyList<DeploymentEnvironment> Environments { get; }

    [Parameter("Environment to deploy to (default: from the CI's branch or tag, else the checked-out branch)")]
    string? Env => TryGetValue(() => Env);

    [Parameter("The branch of a preview environment (default: the CI's branch, else the checked-out one)")]
    string? PreviewBranch => TryGetValue(() => PreviewBranch);

    /// <summary>This run's environment, resolved once (see <see cref="EnvironmentResolver"/>); a preview gets its branch's namespace.</summary>
    DeploymentEnvironment Environment => RunValues.Get(nameof(Environment),
        () => EnvironmentResolver.ForRun(Environments, Env, PreviewBranch, EnvironmentVariables, RootDirectory));

    /// <summary>For targets' checks: an unknown or unresolvable environment refuses the run before anything starts.</summary>
    void CheckEnvironment() => _ = Environment;
}
