using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.Delivery.Charts;

/// <summary>
/// Publishes the <c>slipway-component</c> library chart this Slipway version ships, as an OCI chart, so charts can
/// depend on it by version (<c>oci://&lt;registry&gt;/slipway/charts</c>) rather than keep a copy.
/// </summary>
public interface IPublishLibraryChart : IHazImageRegistry, IHazHelm
{
    /// <summary>The repository (in --registry) charts find the library chart in.</summary>
    const string ChartRepository = "slipway/charts";

    Target PublishLibraryChart => _ => _
        .Description("Push the slipway-component library chart to <registry>/slipway/charts (oci://), at this " +
                     "Slipway's version")
        .Executes(async ct =>
        {
            var registry = ImageRegistry;
            var repository = $"{registry.Host}/{registry.RepositoryFor(ChartRepository)}";
            var work = Directory.CreateTempSubdirectory("slipway-library-chart-");
            try
            {
                var archive = await LibraryChart.PackageAsync(Helm, work.FullName, ct);
                var credentials = ImageRegistryCredentials is { } c ? (registry.Host, c.Username, c.Password)
                    : ((string, string, string)?)null;
                try
                {
                    var plainHttp = RegistryClient.IsLoopback(registry.Host);
                    await Helm.PushAsync(archive, repository, plainHttp, credentials, ct);
                }
                catch (HelmException e)
                {
                    throw new TargetFailedException($"Pushing {LibraryChart.Name} {LibraryChart.Version} to " +
                        $"oci://{repository} failed: {e.ErrorOutput?.Trim() ?? e.Message} " + (credentials == null
                            ? "No credentials were given: set --registry-username and --registry-password " +
                              "(REGISTRY_USERNAME, REGISTRY_PASSWORD) when the registry needs them."
                            : "Check that the user given by --registry-username may push there."));
                }
                Log.Success($"{LibraryChart.Name} {LibraryChart.Version} is at oci://{repository}/{LibraryChart.Name}");
            }
            finally
            {
                work.Delete(recursive: true);
            }
        });
}
