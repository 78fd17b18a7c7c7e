using Slipway.Engine;

namespace Slipway.Delivery.Environments;

/// <summary>
/// Which environment a run deploys to: <c>--env</c> wins; otherwise the CI's tag or branch (GitLab, GitHub), otherwise
/// the checked-out branch and tags. A preview branch gets a copy of the preview environment with its own namespace.
/// </summary>
public static class EnvironmentResolver
{
    /// <summary>
    /// The environment of a run: <paramref name="requested"/> (--env), else the CI's ref, else git's (read only when needed).
    /// A preview is bound to its branch: --preview-branch, else the CI's, else the checked-out one.
    /// </summary>
    public static DeploymentEnvironment ForRun(IReadOnlyList<DeploymentEnvironment> environments, string? requested,
        string? previewBranch, IReadOnlyDictionary<string, string> variables, AbsolutePath root)
    {
        Versioning.SourceVersion? git = null;
        Versioning.SourceVersion Git() => git ??= Versioning.SourceVersion.ReadAsync(root).GetAwaiter().GetResult();
        var environment = requested != null
            ? Resolve(environments, requested, variables, null, [])
            : Resolve(environments, null, variables, Git().Branch, Git().Tags);
        if (!environment.IsPreview || environment.DeployBranch != null) return environment;
        var branch = previewBranch ?? CiRef.From(variables).Branch ?? Git().Branch ?? throw new UsageException(
            $"Environment '{environment.Name}' is a preview: name its branch with --preview-branch <branch>.");
        return ForBranch([environment with { Branches = [branch] }], branch)!;
    }

    public static DeploymentEnvironment Resolve(IReadOnlyList<DeploymentEnvironment> environments, string? requested,
        IReadOnlyDictionary<string, string> variables, string? gitBranch, IReadOnlyList<string> gitTags)
    {
        if (requested != null)
            return environments.FirstOrDefault(e => e.Name.Equals(requested, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"Unknown environment '{requested}'.{Suggestions.DidYouMean(requested, environments.Select(e => e.Name))} " +
                                            $"Environments: {string.Join(", ", environments.Select(e => e.Name))}.");

        var ci = CiRef.From(variables);
        var tags = ci.Tag != null ? [ci.Tag] : gitTags;
        foreach (var candidate in tags)
            if (environments.FirstOrDefault(e => e.TagPatterns.Any(p => Glob.IsMatch(p, candidate))) is { } byTag)
                return byTag;

        var branch = ci.Branch ?? gitBranch;
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
}
