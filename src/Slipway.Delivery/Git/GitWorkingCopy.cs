using Slipway.Engine;

namespace Slipway.Delivery.Git;

/// <summary>A checked-out clone whose <c>origin</c> is the repository it was cloned from.</summary>
public sealed class GitWorkingCopy(GitClient git, string directory)
{
    public string Directory { get; } = directory;

    public async Task<string> HeadAsync(CancellationToken cancellationToken) =>
        (await git.RunAsync(["rev-parse", "HEAD"], Directory, cancellationToken)).StandardOutput.Trim();

    /// <summary>
    /// Stages the given paths (added, changed or deleted) and commits them; false when they do not differ from HEAD.
    /// Kept to two git processes: the time between fetching a head and pushing onto it is when others can move it.
    /// </summary>
    public async Task<bool> CommitAsync(IEnumerable<string> paths, string message, GitIdentity author, GitIdentity committer, CancellationToken cancellationToken)
    {
        await git.RunAsync(["add", "--all", "--", .. paths], Directory, cancellationToken);
        var commit = await git.RunAsync(["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "--file", "-"], Directory, cancellationToken,
            allowFailure: true,
            environment: new Dictionary<string, string?>
            {
                ["GIT_AUTHOR_NAME"] = author.Name,
                ["GIT_AUTHOR_EMAIL"] = author.Email,
                ["GIT_COMMITTER_NAME"] = committer.Name,
                ["GIT_COMMITTER_EMAIL"] = committer.Email,
            },
            standardInput: message);
        if (commit.Succeeded) return true;
        var output = commit.StandardOutput + "\n" + commit.StandardError;
        if (commit.ExitCode == 1 && output.Contains("nothing to commit", StringComparison.Ordinal)) return false;
        throw new ProcessException($"{commit.CommandLine} exited with code {commit.ExitCode}:\n{output.Trim()}", commit);
    }

    /// <summary>Pushes HEAD to <paramref name="branch"/> of origin; a rejection because the branch moved is returned, other failures throw.</summary>
    public async Task<GitPushResult> PushAsync(string branch, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(["push", "--porcelain", "--no-verify", "origin", "HEAD:refs/heads/" + branch], Directory, cancellationToken, allowFailure: true);
        if (result.Succeeded) return GitPushResult.Accepted;
        var output = result.StandardOutput + "\n" + result.StandardError;
        if (PushRejections.BranchMoved(output) is { } reason) return GitPushResult.RejectedBecause(reason);
        throw new ProcessException($"{result.CommandLine} exited with code {result.ExitCode}:\n{output.Trim()}", result);
    }

    /// <summary>Fetches the branch's current head (shallow) and makes it the working tree, dropping local commits (and the files only they added).</summary>
    public async Task ResetToRemoteAsync(string branch, CancellationToken cancellationToken)
    {
        await git.RunAsync(["fetch", "--quiet", "--no-tags", "--depth", "1", "origin", "refs/heads/" + branch], Directory, cancellationToken);
        await git.RunAsync(["reset", "--quiet", "--hard", "FETCH_HEAD"], Directory, cancellationToken);
    }
}
