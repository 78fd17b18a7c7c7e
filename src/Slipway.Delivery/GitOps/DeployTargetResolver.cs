using Slipway.Delivery.Environments;
using Slipway.Delivery.Git;
using Slipway.Engine;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// Fills in what BumpValues was not told. Repository: this one, through its <c>origin</c> remote (what CI clones from),
/// or its own directory when it has no remote. Branch: the environment's <c>DeployBranch</c>; else, for this repository,
/// the current branch when it belongs to the environment (the pipeline's own branch); else the environment's first
/// branch that is not a pattern; else (no branches, e.g. <c>local</c>) the current branch for this repository and the
/// default branch (HEAD) of another one.
/// </summary>
public sealed class DeployTargetResolver(AbsolutePath root, IReadOnlyDictionary<string, string> variables, GitClient git)
{
    public async Task<DeployTarget> ResolveAsync(string? repository, string? branch, DeploymentEnvironment? environment, CancellationToken cancellationToken)
    {
        var origin = await OriginAsync(cancellationToken);
        var isWorkingCopy = repository == null ? origin == null : SameRepository(repository, root);
        var isThis = isWorkingCopy || repository == null || (origin != null && SameRepository(repository, origin));
        var location = repository ?? origin ?? root.Value;
        var chosen = branch ?? await DefaultBranchAsync(location, isThis, environment, cancellationToken);
        if (isWorkingCopy && chosen == await CheckedOutBranchAsync(cancellationToken))
            throw new UsageException($"BumpValues would push to the checked-out branch '{chosen}' of this working copy" +
                                     (repository == null ? " (it has no origin remote)" : "") +
                                     ", which git refuses. Add an origin remote, or pass --deploy-repo <url|path> (or another --deploy-branch).");
        return new DeployTarget(location, chosen, isThis);
    }

    private async Task<string> DefaultBranchAsync(string location, bool isThis, DeploymentEnvironment? environment, CancellationToken cancellationToken)
    {
        if (environment?.DeployBranch is { } declared) return declared;
        var current = isThis ? await CurrentBranchAsync(cancellationToken) : null;
        if (environment != null && current != null && environment.Branches.Any(pattern => Glob.IsMatch(pattern, current))) return current;
        if (environment?.Branches.FirstOrDefault(b => b.IndexOfAny(['*', '?', '[']) < 0) is { } first) return first;
        var fallback = isThis ? current : await RemoteHeadAsync(location, cancellationToken);
        return fallback ?? throw new UsageException(
            $"No deploy branch follows from {(environment != null ? $"environment '{environment.Name}'" : "this run")} for {GitRemote.Redact(location)}: pass --deploy-branch <branch>.");
    }

    /// <summary>The branch being built: the CI's (its checkout is usually detached), else the checked-out one.</summary>
    private async Task<string?> CurrentBranchAsync(CancellationToken cancellationToken)
    {
        return CiRef.From(variables).Branch ?? await CheckedOutBranchAsync(cancellationToken);
    }

    private async Task<string?> CheckedOutBranchAsync(CancellationToken cancellationToken)
    {
        var head = await git.RunAsync(["rev-parse", "--abbrev-ref", "HEAD"], root, cancellationToken, allowFailure: true);
        var branch = head.StandardOutput.Trim();
        return head.Succeeded && branch.Length > 0 && branch != "HEAD" ? branch : null;
    }

    private async Task<string?> OriginAsync(CancellationToken cancellationToken)
    {
        var origin = await git.RunAsync(["remote", "get-url", "origin"], root, cancellationToken, allowFailure: true);
        return origin.Succeeded && origin.StandardOutput.Trim() is { Length: > 0 } url ? url : null;
    }

    /// <summary>The branch a remote's HEAD points at (its default branch); null when it cannot be read.</summary>
    private async Task<string?> RemoteHeadAsync(string location, CancellationToken cancellationToken)
    {
        var listing = await git.RunAsync(["ls-remote", "--symref", "--", GitRemote.Parse(location).Url, "HEAD"], null, cancellationToken, allowFailure: true);
        const string prefix = "ref: refs/heads/";
        return listing.StandardOutput.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.EndsWith("HEAD", StringComparison.Ordinal))
            .Select(l => l[prefix.Length..].Split('\t')[0])
            .FirstOrDefault();
    }

    /// <summary>Whether two locations name the same repository (credentials, a trailing slash and <c>.git</c> aside).</summary>
    public static bool SameRepository(string left, string right) =>
        string.Equals(Normalize(left), Normalize(right), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string location)
    {
        var url = GitRemote.Parse(location).Url.TrimEnd('/');
        return url.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? url[..^4] : url;
    }
}
