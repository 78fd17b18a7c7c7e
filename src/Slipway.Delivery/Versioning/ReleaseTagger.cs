using Slipway.Delivery.Charts;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Git;
using Slipway.Engine;

namespace Slipway.Delivery.Versioning;

/// <summary>
/// Makes a release: tags the checked-out commit <c>v&lt;VERSION&gt;</c> (after a release commit raising VERSION and
/// the charts' versions, with a bump) and pushes it. Everything that would refuse is checked before anything changes:
/// a detached HEAD or a branch that is not a release branch, uncommitted changes, no remote, a tag that exists here
/// or on the remote. A refused push undoes the tag and the release commit here, so nothing is left half-made.
/// </summary>
public static class ReleaseTagger
{
    public static async Task<ReleaseResult> ReleaseAsync(ReleaseRequest request, CancellationToken ct)
    {
        var git = new GitClient();
        var root = request.Repository;
        async Task<ProcessResult> Git(bool allowFailure, params string[] arguments) =>
            await git.RunAsync(arguments, root, ct, allowFailure);

        var source = await SourceVersion.ReadFreshAsync(root, ct);
        var branch = CheckBranch(source, request.ReleaseBranches);
        if (source.IsDirty)
            throw new TargetFailedException("The working tree has changes that are not committed (" +
                string.Join(", ", source.DirtyPaths.Take(5)) + (source.DirtyPaths.Count > 5 ? ", …" : "") +
                "): commit or stash them first; a release tags exactly a commit.");
        if ((await Git(true, "remote", "get-url", request.Remote)).ExitCode != 0)
            throw new TargetFailedException($"There is no remote '{request.Remote}' to push the release tag to: add " +
                                            $"it (git remote add {request.Remote} URL), or pass --release-remote.");
        await RefuseUnpushedHeadAsync(source, branch, request.Remote, Git);
        var current = SemanticVersion.Parse(ChartVersions.Read(root), "VERSION");
        var version = request.Bump is { } bump ? current.Bump(bump) : current;
        await RefuseExistingTagAsync(version, await git.TaggedCommitAsync(root, version.Tag, ct), request.Remote, Git);

        // the release commit and the annotated tag need an identity: the user's, else the request's
        var configured = (await Git(true, "config", "user.email")).StandardOutput.Trim().Length > 0 &&
                         (await Git(true, "config", "user.name")).StandardOutput.Trim().Length > 0;
        string[] identity = configured ? []
            : ["-c", $"user.name={request.Identity.Name}", "-c", $"user.email={request.Identity.Email}"];
        var bumped = version != current;
        var undo = new ReleaseUndo(source.Sha, version.Tag, bumped, VersionedFiles(request));
        try
        {
            if (bumped) await CommitVersionAsync(request, version, identity, Git, ct);
            await Git(false, [.. identity, "tag", "--annotate", version.Tag, "--message", $"Release {version}"]);
        }
        catch (ProcessException e)
        {
            await undo.RunAsync(Git);
            throw new TargetFailedException($"Making release {version} failed: {e.Message}\nNothing was pushed; " +
                                            $"{undo.Said}.");
        }
        var commit = (await Git(false, "rev-parse", "HEAD")).StandardOutput.Trim();
        string[] refs = bumped
            ? [$"HEAD:refs/heads/{branch}", $"refs/tags/{version.Tag}"]
            : [$"refs/tags/{version.Tag}"];
        var push = await Git(true, ["push", "--atomic", request.Remote, .. refs]);
        if (push.ExitCode != 0)
        {
            await undo.RunAsync(Git);
            // a push can fail after the remote took it (a dropped connection): the remote says which
            var landed = (await Git(true, "ls-remote", "--tags", request.Remote, $"refs/tags/{version.Tag}"))
                .StandardOutput.Trim().Length > 0;
            throw new TargetFailedException(landed
                ? $"Pushing {string.Join(" and ", refs)} to {request.Remote} failed ({push.StandardError.Trim()}), " +
                  $"yet {request.Remote} has {version.Tag}: the release is made there; {undo.Said}. Pull (with " +
                  "--tags) to get it back."
                : $"Pushing {string.Join(" and ", refs)} to {request.Remote} was refused: " +
                  $"{push.StandardError.Trim()}\nNothing was pushed, and {undo.Said}. Pull, then release again.");
        }
        return new ReleaseResult(version, version.Tag, commit, bumped, request.Remote);
    }

    private static string CheckBranch(SourceVersion source, IReadOnlyList<string> releaseBranches)
    {
        var allowed = string.Join(", ", releaseBranches);
        if (source.Branch is not { } branch)
            throw new TargetFailedException($"HEAD is detached: a release is made from a release branch ({allowed}); " +
                                            "check one out first.");
        if (!releaseBranches.Any(pattern => Glob.IsMatch(pattern, branch)))
            throw new TargetFailedException($"'{branch}' is not a release branch ({allowed}): merge it into one and " +
                                            "release from there, or add it to ReleaseBranches in build/.");
        return branch;
    }

    /// <summary>
    /// A release tags a commit the remote's branch has (reviewed, pushed): a local-only commit is refused.
    /// </summary>
    private static async Task RefuseUnpushedHeadAsync(SourceVersion source, string branch, string remote,
        Func<bool, string[], Task<ProcessResult>> git)
    {
        var heads = await git(true, ["ls-remote", "--heads", remote, $"refs/heads/{branch}"]);
        if (heads.ExitCode != 0)
            throw new TargetFailedException($"The branches of {remote} cannot be read: {heads.StandardError.Trim()}");
        var remoteHead = heads.StandardOutput.Split('\t', '\n')[0].Trim();
        if (remoteHead.Length == 0)
            throw new TargetFailedException($"'{branch}' is not on {remote}: push it (reviewed) first; a release " +
                                            "tags a commit the remote has.");
        if (remoteHead != source.Sha &&
            (await git(true, ["merge-base", "--is-ancestor", source.Sha, remoteHead])).ExitCode != 0)
            throw new TargetFailedException($"HEAD ({source.ShortSha}) is not in the history of {remote}/{branch} " +
                                            $"({remoteHead[..8]}) as known here: push your commits (reviewed) " +
                                            "first, or pull; a release tags a commit the remote has.");
    }

    /// <summary>The files a bump writes: VERSION and every Chart.yaml.</summary>
    private static IReadOnlyList<string> VersionedFiles(ReleaseRequest request) =>
    [
        request.Repository / "VERSION",
        .. request.ChartsDirectory is { DirectoryExists: true } charts
            ? ChartVersions.ChartFiles(charts).Select(f => f.ToString()) : [],
    ];

    private static async Task RefuseExistingTagAsync(SemanticVersion version, string? taggedHere, string remote,
        Func<bool, string[], Task<ProcessResult>> git)
    {
        var advice = "this version is released already: raise VERSION (./build.sh Release --bump patch|minor|major).";
        if (taggedHere != null)
            throw new TargetFailedException($"The tag {version.Tag} exists here (on {taggedHere[..8]}): " + advice);
        var remoteTags = await git(true, ["ls-remote", "--tags", remote, $"refs/tags/{version.Tag}"]);
        if (remoteTags.ExitCode != 0)
            throw new TargetFailedException($"The tags of {remote} cannot be read: {remoteTags.StandardError.Trim()}");
        if (remoteTags.StandardOutput.Trim().Length > 0)
            throw new TargetFailedException($"The tag {version.Tag} exists on {remote}: " + advice);
    }

    /// <summary>Writes the version into VERSION and the charts, and commits them as "Release X".</summary>
    private static async Task CommitVersionAsync(ReleaseRequest request, SemanticVersion version, string[] identity,
        Func<bool, string[], Task<ProcessResult>> git, CancellationToken ct)
    {
        var file = request.Repository / "VERSION";
        await File.WriteAllTextAsync(file, version + "\n", ct);
        var changed = new List<string> { file };
        if (request.ChartsDirectory is { DirectoryExists: true } charts)
            changed.AddRange(ChartVersions.Sync(ChartVersions.ChartFiles(charts), version.ToString())
                .Select(f => f.ToString()));
        await git(false, ["add", "--", .. changed]);
        await git(false, [.. identity, "commit", "--quiet", "--message", $"Release {version}"]);
    }
}
