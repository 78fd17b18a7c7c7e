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

    /// <summary>The resolved environment (see <see cref="EnvironmentResolver"/>); a preview gets its branch's namespace.</summary>
    DeploymentEnvironment Environment
    {
        get
        {
            Versioning.SourceVersion? git = null;
            Versioning.SourceVersion Git() => git ??= Versioning.SourceVersion.ReadAsync(RootDirectory).GetAwaiter().GetResult();
            var environment = Env != null
                ? EnvironmentResolver.Resolve(Environments, Env, EnvironmentVariables, null, [])
                : EnvironmentResolver.Resolve(Environments, null, EnvironmentVariables, Git().Branch, Git().Tags);
            if (!environment.IsPreview || environment.DeployBranch != null) return environment;
            var branch = PreviewBranch ?? EnvironmentVariables.GetValueOrDefault("CI_COMMIT_BRANCH") ?? EnvironmentVariables.GetValueOrDefault("CI_COMMIT_REF_NAME")
                ?? (EnvironmentVariables.GetValueOrDefault("GITHUB_HEAD_REF") is { Length: > 0 } head ? head : null) ?? Git().Branch
                ?? throw new UsageException($"Environment '{environment.Name}' is a preview: name its branch with --preview-branch <branch>.");
            return EnvironmentResolver.ForBranch([environment with { Branches = [branch] }], branch)!;
        }
    }
}
