namespace Slipway.Delivery.Charts;

/// <summary>A release chart at a version in an OCI repository; <see cref="Pushed"/> is false when it was there already.</summary>
public sealed record PublishedChart(string Name, string Version, string Repository, bool Pushed)
{
    /// <summary>What helm installs it from: <c>oci://&lt;repository&gt;/&lt;name&gt;</c> with <c>--version</c>.</summary>
    public string Reference => $"oci://{Repository}/{Name}";
}
