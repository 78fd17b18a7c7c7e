using Slipway.Engine;

namespace Slipway.Delivery.Versioning;

/// <summary>
/// Releases the checked-out commit: tags it <c>v&lt;VERSION&gt;</c> and pushes the tag, whose pipeline builds the
/// images at that version (and PublishCharts publishes the charts at it). See <see cref="ReleaseTagger"/>.
/// </summary>
public interface IRelease : ISlipwayBuild
{
    /// <summary>The branches a release may be made from (globs).</summary>
    IReadOnlyList<string> ReleaseBranches => ["main", "master", "release/*"];

    [Parameter("Release: raise VERSION first (patch, minor or major), in a release commit pushed with the tag")]
    ReleaseBump? Bump => TryGetValue<ReleaseBump?>(() => Bump);

    [Parameter("Release: the remote the release tag is pushed to (default: origin)")]
    string? ReleaseRemote => TryGetValue(() => ReleaseRemote);

    Target Release => _ => _
        .Description("Tag the checked-out commit v<VERSION> (--bump patch|minor|major raises VERSION first) and push " +
                     "the tag; refuses a dirty tree, an existing tag or a branch that is not a release branch")
        .RequiresTool("git")
        .Executes(async ct =>
        {
            var result = await ReleaseTagger.ReleaseAsync(new ReleaseRequest(RootDirectory, ReleaseBranches)
            {
                Bump = Bump,
                Remote = ReleaseRemote ?? "origin",
                ChartsDirectory = RootDirectory / "charts",
            }, ct);
            Log.Success($"Released {result.Version}: {result.Tag} on {result.Commit[..8]} is on {result.Remote}" +
                        (result.Bumped ? $", after the release commit raising VERSION to {result.Version}" : "") +
                        ". Its pipeline builds the images at that version.");
        });
}
