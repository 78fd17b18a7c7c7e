using Slipway.Engine;

namespace Slipway.Delivery.Environments;

/// <summary>The environments a build deploys to (declared in C# by the build) and the one this run targets.</summary>
public interface IHazEnvironments : ISlipwayBuild
{
    IReadOnlyList<DeploymentEnvironment> Environments { get; }

    [Parameter("Environment to deploy to (default: from the CI's branch or tag, else the checked-out branch)")]
    string? Env => TryGetValue(() => Env);

    /// <summary>The resolved environment (see <see cref="EnvironmentResolver"/>).</summary>
    DeploymentEnvironment Environment
    {
        get
        {
            if (Env != null) return EnvironmentResolver.Resolve(Environments, Env, EnvironmentVariables, null, []);
            var git = Versioning.SourceVersion.ReadAsync(RootDirectory).GetAwaiter().GetResult();
            return EnvironmentResolver.Resolve(Environments, null, EnvironmentVariables, git.Branch, git.Tags);
        }
    }
}
