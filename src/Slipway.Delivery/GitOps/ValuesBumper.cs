using Slipway.Delivery.Git;
using Slipway.Delivery.Values;
using Slipway.Engine;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// Commits tag bumps to a deployment repository: a shallow clone of the branch, the edits, one commit, a push. When the
/// push is rejected because someone else pushed first, it fetches the new head and applies the bumps again to that
/// content (not a textual rebase), waiting a random, growing delay each time. No commit is made when every tag is already there.
/// </summary>
public static class ValuesBumper
{
    public static async Task<BumpResult> BumpAsync(BumpRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Bumps.Count == 0) throw new ArgumentException("There is nothing to bump.", nameof(request));
        if (request.MaxAttempts < 1) throw new ArgumentException("At least one attempt is needed.", nameof(request));
        var remote = GitRemote.Parse(request.Repository);
        var credentials = request.Credentials ?? remote.EmbeddedCredentials;
        if (credentials != null) BuildOutput.Current.Masker.Add(credentials.Token);
        var git = new GitClient(credentials);
        var where = $"{remote.Url} (branch {request.Branch})";
        using var temporary = new TemporaryDirectory("slipway-bump-");
        var working = await DeployClone.CloneAsync(git, remote, request.Branch, Path.Combine(temporary.Path, "repo"), cancellationToken);
        string? lastRejection = null;
        for (var attempt = 1; attempt <= request.MaxAttempts; attempt++)
        {
            var edits = Edit(working.Directory, request.Bumps, where);
            var changed = edits.Where(e => e.Changed).ToList();
            var message = changed.Count > 0 ? BumpMessage.For(changed, request.Environment, request.SkipCi) : null;
            var committed = message != null && await Step(where, "commit", () =>
                working.CommitAsync(changed.Select(e => e.Bump.ValuesFile).Distinct(), message, request.Author, request.Author, cancellationToken));
            if (!committed) return Finish(new BumpResult(remote.Url, request.Branch, null, null, edits, attempt));
            var push = await Step(where, "push", () => working.PushAsync(request.Branch, cancellationToken));
            if (push.Pushed)
            {
                var commit = await Step(where, "rev-parse", () => working.HeadAsync(cancellationToken));
                return Finish(new BumpResult(remote.Url, request.Branch, commit, message, edits, attempt));
            }
            lastRejection = push.Rejection;
            if (attempt == request.MaxAttempts) break;
            var delay = RetryDelay.After(attempt, request.BaseDelay, request.MaxDelay);
            Log.Information($"{where}: the push was rejected because the branch moved; applying the bumps again on its new head in {delay.TotalMilliseconds:0} ms " +
                            $"(attempt {attempt + 1} of {request.MaxAttempts})");
            await Task.Delay(delay, cancellationToken);
            await Step(where, "fetch", () => working.ResetToRemoteAsync(request.Branch, cancellationToken));
        }
        throw new GitOpsException($"Could not push to {where}: it was rejected {request.MaxAttempts} times because others kept pushing to the branch " +
                                  $"(last: {lastRejection}). Nothing was pushed; run again.");
    }

    private static IReadOnlyList<TagEdit> Edit(string root, IReadOnlyList<TagBump> bumps, string where)
    {
        try
        {
            return TagFiles.Apply(root, bumps);
        }
        catch (ValuesEditException e)
        {
            throw new GitOpsException($"{where}: {e.Message}. Nothing was pushed.", e);
        }
    }

    private static BumpResult Finish(BumpResult result)
    {
        foreach (var edit in result.Edits.Where(e => !e.Changed)) Log.Information(BumpMessage.AlreadyThere(edit, nothingToCommit: !result.Changed));
        if (result.Changed)
        {
            foreach (var edit in result.Edits.Where(e => e.Changed)) Log.Information(edit.ToString());
            Log.Success(result.ToString());
        }
        return result;
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
