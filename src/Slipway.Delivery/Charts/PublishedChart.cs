using Slipway.Delivery.Registry;

namespace Slipway.Delivery.Charts;

/// <summary>
/// A release chart at a version in an OCI repository (<c>host[:port]/path</c>), as PublishCharts pushes it.
/// </summary>
public sealed record PublishedChart(string Name, string Version, string Repository)
{
    /// <summary>
    /// What helm installs it from: <c>oci://&lt;repository&gt;/&lt;name&gt;</c> with <c>--version</c>.
    /// </summary>
    public string Reference => $"oci://{Repository}/{Name}";

    /// <summary>
    /// The chart arguments of a helm command: the reference, its version, plain HTTP for a loopback registry.
    /// </summary>
    public IReadOnlyList<string> HelmArguments =>
        RegistryClient.IsLoopback(Repository.Split('/')[0])
            ? ["--version", Version, "--plain-http"]
            : ["--version", Version];

    /// <summary>A repository given as <c>oci://host/path</c> (or without the scheme).</summary>
    public static string RepositoryOf(string reference) =>
        (reference.StartsWith("oci://", StringComparison.Ordinal) ? reference["oci://".Length..] : reference)
        .TrimEnd('/');

    public override string ToString() => $"{Reference} {Version}";
}
