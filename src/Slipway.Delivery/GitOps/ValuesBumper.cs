using Slipway.Delivery.Git;
using Slipway.Engine;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// Commits tag bumps to a deployment repository through <see cref="GitOpsWriter"/> (one commit; a rejected push is
/// retried by applying the bumps again on the new head). The commit message names each component's old and new tag as
/// found on the head that was pushed onto. No commit is made when every tag is already there.
/// </summary>
public static class ValuesBumper
{
    public static async Task<BumpResult> BumpAsync(BumpRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Bumps.Count == 0) throw new ArgumentException("There is nothing to bump.", nameof(request));
        var files = request.Bumps.GroupBy(b => b.ValuesFile, StringComparer.Ordinal)
            .Select(file => new TagFileEdit(file.Key, file.ToList()))
            .ToList();
        IReadOnlyList<TagEdit> Edits() => files.SelectMany(f => f.Latest).ToList();
        var written = await GitOpsWriter.WriteAsync(new GitOpsRequest(request.Repository, request.Branch,
            files.Select(f => f.ToFileEdit()).ToList(),
            _ => BumpMessage.For(Edits().Where(e => e.Changed).ToList(), request.Environment, request.SkipCi))
        {
            Author = request.Author,
            Credentials = request.Credentials,
            MaxAttempts = request.MaxAttempts,
            BaseDelay = request.BaseDelay,
            MaxDelay = request.MaxDelay,
        }, cancellationToken);
        return Report(new BumpResult(
            written.Repository, written.Branch, written.Commit, written.Message, Edits(), written.Attempts));
    }

    private static BumpResult Report(BumpResult result)
    {
        foreach (var edit in result.Edits.Where(e => !e.Changed))
            Log.Information(BumpMessage.AlreadyThere(edit, nothingToCommit: !result.Changed));
        if (result.Changed)
        {
            foreach (var edit in result.Edits.Where(e => e.Changed)) Log.Information(edit.ToString());
            Log.Success(result.ToString());
        }
        return result;
    }
}
