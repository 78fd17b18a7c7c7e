namespace Slipway.Delivery.Helm;

/// <summary>One revision of a release as helm stored it: its state and the manifest it applied (hooks left out).</summary>
public sealed record StoredRelease(HelmReleaseInfo Info, string Manifest);
