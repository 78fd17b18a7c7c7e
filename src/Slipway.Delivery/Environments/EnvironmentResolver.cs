using Slipway.Engine;

namespace Slipway.Delivery.Environments;

/// <summary>
/// Which environment a run deploys to: <c>--env</c> wins; otherwise the CI's tag or branch (GitLab, GitHub), otherwise
/// the checked-out branch and tags. A preview branch gets a copy of the preview environment with its own namespace.
/// </summary>
public static class EnvironmentResolver
{
    public static DeploymentEnvironment Resolve(IReadOnlyList<DeploymentEnvironment> environments, string? requested,
        IReadOnlyDictionary<string, string> variables, string? gitBranch, IReadOnlyList<string> gitTags)
    {
        if (requested != null)
            return environments.FirstOrDefault(e => e.Name.Equals(requested, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"Unknown environment '{requested}'.{Suggestions.DidYouMean(requested, environments.Select(e => e.Name))} " +
                                            $"Environments: {string.Join(", ", environments.Select(e => e.Name))}.");

        var tag = variables.GetValueOrDefault("CI_COMMIT_TAG") ?? GitHubRef(variables, "refs/tags/");
        var tags = tag != null ? [tag] : gitTags;
        foreach (var candidate in tags)
            if (environments.FirstOrDefault(e => e.TagPatterns.Any(p => Glob.IsMatch(p, candidate))) is { } byTag)
                return byTag;

        var githubHead = variables.GetValueOrDefault("GITHUB_HEAD_REF");
        var branch = variables.GetValueOrDefault("CI_COMMIT_BRANCH")
                     ?? (string.IsNullOrEmpty(githubHead) ? null : githubHead)
                     ?? GitHubRef(variables, "refs/heads/")
                     ?? gitBranch;
        if (branch == null)
            throw new UsageException("No environment was given and none follows from git (detached HEAD without a release tag): pass --env <name>.");
        return ForBranch(environments, branch)
            ?? throw new UsageException($"Branch '{branch}' maps to no environment: pass --env <name> " +
                                        $"({string.Join(", ", environments.Select(e => e.Name))}), or map the branch in build/.");
    }

    /// <summary>The environment a branch deploys to; for a preview, a copy whose namespace is derived from the branch.</summary>
    public static DeploymentEnvironment? ForBranch(IReadOnlyList<DeploymentEnvironment> environments, string branch)
    {
        var match = environments.FirstOrDefault(e => e.Branches.Any(p => Glob.IsMatch(p, branch)));
        if (match is not { IsPreview: true }) return match;
        var ns = PreviewNamespace.For(branch);
        return match with { Namespace = ns, DeployBranch = branch };
    }

    private static string? GitHubRef(IReadOnlyDictionary<string, string> variables, string prefix) =>
        variables.GetValueOrDefault("GITHUB_REF") is { } reference && reference.StartsWith(prefix, StringComparison.Ordinal) ? reference[prefix.Length..] : null;
}
