using Slipway.Engine;

namespace Slipway.Delivery.Git;

/// <summary>
/// Clones the deployment branch, turning git's failures into messages that say what to fix. An empty repository (no
/// branch at all) gives an empty working copy whose first commit creates the branch.
/// </summary>
internal static class DeployClone
{
    public static async Task<GitWorkingCopy> CloneAsync(GitClient git, GitRemote remote, string branch, string directory, CancellationToken cancellationToken)
    {
        try
        {
            return await git.CloneAsync(remote, branch, directory, cancellationToken);
        }
        catch (ProcessException e)
        {
            var output = e.Result is { } result ? result.StandardOutput + "\n" + result.StandardError : e.Message;
            if (output.Contains("not found in upstream", StringComparison.OrdinalIgnoreCase) || output.Contains("Could not find remote branch", StringComparison.OrdinalIgnoreCase))
            {
                var branches = await BranchesAsync(git, remote, cancellationToken);
                if (branches is [])
                {
                    Log.Information($"{remote.Url} is empty: the first commit creates branch {branch}.");
                    return await EmptyAsync(git, remote, branch, directory, cancellationToken);
                }
                throw new GitOpsException($"Branch '{branch}' does not exist in {remote.Url}" +
                                          (branches != null ? $" (its branches: {string.Join(", ", branches)})" : "") +
                                          ". Pass --deploy-branch with an existing branch. Nothing was pushed.", e);
            }
            throw new GitOpsException($"Could not clone {remote.Url} (branch {branch}): {Reason(output)}. " +
                                      "Check --deploy-repo, and --deploy-token or your SSH agent if it needs credentials. Nothing was pushed.", e);
        }
    }

    /// <summary>A new repository on <paramref name="branch"/> with <paramref name="remote"/> as origin, for a repository that has no commit yet.</summary>
    private static async Task<GitWorkingCopy> EmptyAsync(GitClient git, GitRemote remote, string branch, string directory, CancellationToken cancellationToken)
    {
        await git.RunAsync(["init", "--quiet", "--initial-branch=" + branch, directory], null, cancellationToken);
        await git.RunAsync(["remote", "add", "origin", remote.Url], directory, cancellationToken);
        return new GitWorkingCopy(git, directory);
    }

    /// <summary>The branch names of the remote (at most 20); null when they cannot be listed.</summary>
    private static async Task<IReadOnlyList<string>?> BranchesAsync(GitClient git, GitRemote remote, CancellationToken cancellationToken)
    {
        var listing = await git.RunAsync(["ls-remote", "--heads", "--", remote.Url], null, cancellationToken, allowFailure: true);
        if (!listing.Succeeded) return null;
        return listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t').Last().Trim())
            .Where(name => name.StartsWith("refs/heads/", StringComparison.Ordinal))
            .Select(name => name["refs/heads/".Length..])
            .Take(20)
            .ToList();
    }

    /// <summary>git's own explanation: its <c>fatal:</c> lines, else its last line.</summary>
    private static string Reason(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fatal = lines.Where(l => l.StartsWith("fatal:", StringComparison.Ordinal)).Select(l => l["fatal:".Length..].Trim()).ToList();
        return fatal.Count > 0 ? string.Join("; ", fatal) : lines.LastOrDefault() ?? "git clone failed";
    }
}
