using System.Text.RegularExpressions;
using Slipway.Engine;

namespace Slipway.Delivery.Versioning;

/// <summary>What git says about the commit being built: sha, dirtiness, branch, the tags at HEAD.</summary>
public sealed partial record SourceVersion(string Sha, bool IsDirty, string? Branch, IReadOnlyList<string> Tags)
{
    public const int ShortShaLength = 8;

    public string ShortSha => Sha[..ShortShaLength];

    /// <summary>What makes the tree dirty, as <c>git status --porcelain</c> lists it (<c>?? new-file</c>, <c> M file</c>).</summary>
    public IReadOnlyList<string> DirtyPaths { get; init; } = [];

    /// <summary>The release version when HEAD carries a release tag (<c>v1.2.3</c> or <c>prod.v1.2.3</c>).</summary>
    public string? ReleaseVersion => Tags.Select(t => ReleaseTag().Match(t)).Where(m => m.Success).Select(m => m.Groups["version"].Value).FirstOrDefault();

    /// <summary>Immutable image tags: the short sha (with -dirty for an unclean tree) and the release version; never "latest".</summary>
    public IReadOnlyList<string> ImageTags => ReleaseVersion is { } version && !IsDirty
        ? [ShortSha, version]
        : [IsDirty ? ShortSha + "-dirty" : ShortSha];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<SourceVersion>>> ReadOnce = new();

    /// <summary>Read once per process and repository: a run's targets all see the same commit.</summary>
    public static Task<SourceVersion> ReadAsync(string repository, CancellationToken ct = default) =>
        ReadOnce.GetOrAdd(Path.GetFullPath(repository), path => new Lazy<Task<SourceVersion>>(() => ReadFreshAsync(path, ct))).Value;

    public static async Task<SourceVersion> ReadFreshAsync(string repository, CancellationToken ct = default)
    {
        async Task<string> Untrimmed(params string[] args) =>
            (await ProcessRunner.RunAsync("git", ["-C", repository, .. args],
                new ProcessOptions { LogOutput = false, LogInvocation = false }, ct)).StandardOutput;
        async Task<string> Git(params string[] args) => (await Untrimmed(args)).Trim();
        try
        {
            var sha = await Git("rev-parse", "HEAD");
            var changes = (await Untrimmed("status", "--porcelain", "--untracked-files=normal"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();
            var branch = await Git("rev-parse", "--abbrev-ref", "HEAD");
            var tags = (await Git("tag", "--points-at", "HEAD")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new SourceVersion(sha, changes.Count > 0, branch == "HEAD" ? null : branch, tags)
            {
                DirtyPaths = changes,
            };
        }
        catch (ProcessException e)
        {
            throw new TargetFailedException($"{repository} is not a git repository with a commit (image tags come from the commit sha): {e.Message}");
        }
    }

    [GeneratedRegex(@"^(?:[a-z]+\.)?v(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$")]
    private static partial Regex ReleaseTag();
}
