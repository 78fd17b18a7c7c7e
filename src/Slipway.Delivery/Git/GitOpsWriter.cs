using Slipway.Delivery.Values;
using Slipway.Engine;

namespace Slipway.Delivery.Git;

/// <summary>
/// Writes edits back to a deployment repository as one commit on a branch: a shallow clone of the branch, the edits,
/// one commit, a push. When the push is rejected because someone else pushed first, it fetches the new head, applies
/// the edits again to that content (not a textual rebase) and pushes again, waiting a random, growing delay each time.
/// No commit is made when the branch already has the content. Nothing is pushed when it fails.
/// </summary>
public static class GitOpsWriter
{
    public static async Task<GitOpsResult> WriteAsync(GitOpsRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var remote = GitRemote.Parse(request.Repository);
        var credentials = request.Credentials ?? remote.EmbeddedCredentials;
        if (credentials != null) BuildOutput.Current.Masker.Add(credentials.Token);
        var git = new GitClient(credentials);
        var where = $"{remote.Url} (branch {request.Branch})";
        using var temporary = new TemporaryDirectory("slipway-gitops-");
        var clone = Path.Combine(temporary.Path, "repo");
        var working = await DeployClone.CloneAsync(git, remote, request.Branch, clone, cancellationToken);
        string? lastRejection = null;
        for (var attempt = 1; attempt <= request.MaxAttempts; attempt++)
        {
            var changed = ApplyEdits(working.Directory, request.Edits, where);
            var message = changed.Count > 0 ? request.Message(changed) : null;
            var committer = request.Committer ?? request.Author;
            var committed = message != null && await Step(where, "commit", () =>
                working.CommitAsync(changed, message, request.Author, committer, cancellationToken));
            if (!committed) return new GitOpsResult(remote.Url, request.Branch, null, null, [], attempt);
            var commit = await Step(where, "rev-parse", () => working.HeadAsync(cancellationToken));
            var push = await Step(where, "push", () => working.PushAsync(request.Branch, cancellationToken));
            if (push.Pushed) return new GitOpsResult(remote.Url, request.Branch, commit, message, changed, attempt);
            lastRejection = push.Rejection;
            if (attempt == request.MaxAttempts) break;
            var delay = RetryDelay.After(attempt, request.BaseDelay, request.MaxDelay);
            Log.Information($"{where}: the push was rejected because the branch moved; applying the edits again " +
                            $"on its new head in {delay.TotalMilliseconds:0} ms " +
                            $"(attempt {attempt + 1} of {request.MaxAttempts})");
            await Task.Delay(delay, cancellationToken);
            await Step(where, "fetch", () => working.ResetToRemoteAsync(request.Branch, cancellationToken));
        }
        throw new GitOpsException(
            $"Could not push to {where}: it was rejected {request.MaxAttempts} times because others kept pushing " +
            $"to the branch (last: {lastRejection}). Nothing was pushed; run again.");
    }

    /// <summary>Runs every edit on the current files; returns the paths whose text changed (and were written).</summary>
    private static List<string> ApplyEdits(string root, IReadOnlyList<FileEdit> edits, string where)
    {
        var changed = new List<string>();
        foreach (var edit in edits)
        {
            var file = Path.Combine(root, edit.Path);
            var before = File.Exists(file) ? ExactText.Read(file) : null;
            string after;
            try
            {
                after = edit.Edit(before ?? "");
            }
            catch (ValuesEditException e)
            {
                throw new GitOpsException($"{where}: {e.Message}. Nothing was pushed.", e);
            }
            if (after == (before ?? "")) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            ExactText.Write(file, after);
            changed.Add(edit.Path);
        }
        return changed;
    }

    private static void Validate(GitOpsRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Branch);
        if (request.MaxAttempts < 1) throw new ArgumentException("At least one attempt is needed.", nameof(request));
        if (request.Edits.Count == 0) throw new ArgumentException("There is nothing to write: the request has no edits.", nameof(request));
        foreach (var edit in request.Edits)
        {
            var parts = edit.Path.Replace('\\', '/').Split('/');
            var outside = Path.IsPathRooted(edit.Path) || parts.Contains("..") || parts.Contains(".git");
            if (string.IsNullOrWhiteSpace(edit.Path) || outside)
                throw new ArgumentException($"'{edit.Path}' must be a path inside the repository, relative to its root.", nameof(request));
        }
    }

    /// <summary>Runs one git step, naming the repository and branch when it fails.</summary>
    private static async Task<T> Step<T>(string where, string step, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ProcessException e)
        {
            throw new GitOpsException($"{where}: git {step} failed; nothing was pushed. {e.Message}", e);
        }
    }

    private static Task Step(string where, string step, Func<Task> action) =>
        Step(where, step, async () => { await action(); return true; });
}
