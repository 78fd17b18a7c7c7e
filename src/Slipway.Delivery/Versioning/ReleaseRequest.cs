using Slipway.Engine;

namespace Slipway.Delivery.Versioning;

/// <summary>
/// What <see cref="ReleaseTagger"/> is asked: the repository, an optional bump of VERSION, the branches a release may
/// be made from (globs), the remote the tag goes to, and the charts whose versions follow VERSION.
/// </summary>
public sealed record ReleaseRequest(AbsolutePath Repository, IReadOnlyList<string> ReleaseBranches)
{
    public ReleaseBump? Bump { get; init; }
    public string Remote { get; init; } = "origin";
    /// <summary>
    /// The charts folder: a bump writes the new version into each Chart.yaml, as SyncChartVersions does.
    /// </summary>
    public AbsolutePath? ChartsDirectory { get; init; }
    /// <summary>The release commit's author when there is a bump and git has no user configured.</summary>
    public Git.GitIdentity Identity { get; init; } = Git.GitIdentity.Slipway;
}
