namespace Slipway.Delivery.Helm;

/// <summary>A release as helm status/history report it.</summary>
public sealed record HelmReleaseInfo(string Name, string Namespace, int Revision, string Status, string Chart, string? AppVersion, string? Description)
{
    public bool IsPending => Status.StartsWith("pending-", StringComparison.Ordinal);
    public bool IsDeployed => Status == "deployed";
    public bool IsFailed => Status == "failed";
}
