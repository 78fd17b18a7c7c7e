using Slipway.Engine;

namespace Slipway.Delivery.Versioning;

/// <summary>
/// Takes back what a release made here when it cannot finish: its tag, its release commit (HEAD goes back, the working
/// tree's other changes stay) and the version it wrote into VERSION and the charts.
/// </summary>
internal sealed class ReleaseUndo(string sha, string tag, bool bumped, IReadOnlyList<string> versionedFiles)
{
    /// <summary>What was taken back, for the message.</summary>
    public string Said => bumped
        ? $"the tag {tag} and the release commit were removed here"
        : $"the tag {tag} was removed here";

    public async Task RunAsync(Func<bool, string[], Task<ProcessResult>> git)
    {
        await git(true, ["tag", "--delete", tag]);
        if (!bumped) return;
        var head = (await git(true, ["rev-parse", "HEAD"])).StandardOutput.Trim();
        if (head != sha) await git(true, ["reset", "--soft", "--quiet", sha]);
        await git(true, ["restore", "--source", sha, "--staged", "--worktree", "--", .. versionedFiles]);
    }
}
