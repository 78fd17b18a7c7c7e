using Slipway.Delivery.Deploy;
using Slipway.Delivery.Git;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Versioning;
using Slipway.Engine;

namespace Slipway.Delivery.Charts;

/// <summary>
/// Publishes the release charts (base, apps) to <c>oci://&lt;registry&gt;/charts</c> at the release's version, which
/// is also their appVersion and the tag of every image they deploy (<see cref="ChartPublisher"/>), so an environment
/// can deploy a version by chart reference alone.
/// </summary>
public interface IPublishCharts : IHazReleases
{
    /// <summary>The repository (in --registry) the release charts go to.</summary>
    string ChartsRepository => "charts";

    Target PublishCharts => _ => _
        .Description("Push the release charts to <registry>/charts (oci://) at the release version; chart version, " +
                     "appVersion and image tags are that version")
        .Executes(async ct =>
        {
            var source = await SourceVersion.ReadAsync(RootDirectory, ct);
            if (source.IsDirty)
                throw new TargetFailedException("The working tree has changes that are not committed " +
                    $"({string.Join(", ", source.DirtyPaths.Take(5))}): a published chart is a commit's, as it " +
                    "never changes once published. Commit them, or publish from a clean checkout.");
            var version = ChartVersion ?? source.ReleaseVersion ?? throw new TargetFailedException(
                $"HEAD ({source.ShortSha}) carries no release tag (v1.2.3): release it first (./build.sh Release), " +
                "or give the version to publish with --chart-version (images tagged with it must exist).");
            SemanticVersionCheck(version);
            await RefuseAnotherCommitsVersionAsync(version, source, ct);
            var registry = ImageRegistry;
            using var client = new RegistryClient(registry.Host, ImageRegistryCredentials);
            await WarnOfMissingImagesAsync(client, version, ct);
            var credentials = ImageRegistryCredentials is { } c ? (registry.Host, c.Username, c.Password)
                : ((string, string, string)?)null;
            var publisher = new ChartPublisher(Helm, client, registry.RepositoryFor(ChartsRepository),
                RegistryClient.IsLoopback(registry.Host), credentials);
            foreach (var release in Releases)
            {
                var (chart, pushed) = await publisher.PublishAsync(release, Components, version, ct);
                if (pushed) Log.Success($"{chart.Name} {version} is at {chart.Reference}");
                else Log.Information($"{chart.Name} {version} is at {chart.Reference} already: left as it is " +
                                     "(a published version does not change).");
            }
        });

    /// <summary>A version whose release tag is on another commit is that commit's to publish.</summary>
    private async Task RefuseAnotherCommitsVersionAsync(string version, SourceVersion source, CancellationToken ct)
    {
        var commit = await new GitClient().TaggedCommitAsync(RootDirectory, $"v{version}", ct);
        if (commit != null && commit != source.Sha)
            throw new TargetFailedException(
                $"{version} is the release of {commit[..8]} (tag v{version}), not of HEAD ({source.ShortSha}): " +
                "publish it from that commit, or choose another --chart-version.");
    }

    /// <summary>Published charts deploy their version's images: those not in the registry (yet) are named.</summary>
    private async Task WarnOfMissingImagesAsync(RegistryClient client, string version, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var component in Components.Where(c => Releases.Any(r => r.Components == c.Kind)))
        {
            var repository = ImageRegistry.RepositoryFor(component.Repository);
            if (await client.HeadManifestAsync(repository, version, ct) == null)
                missing.Add($"{repository}:{version}");
        }
        if (missing.Count > 0)
            Log.Warning($"The charts at {version} deploy images {ImageRegistry.Host} does not have (yet): " +
                        $"{string.Join(", ", missing)}. A deploy of this version is refused until they are pushed " +
                        "(the release tag's pipeline builds them).");
    }

    private static void SemanticVersionCheck(string version) =>
        SemanticVersion.Parse(version, "--chart-version (or the release tag)");
}
