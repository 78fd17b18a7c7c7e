namespace Slipway.Delivery.Helm;

/// <summary>A release's revision as helm stored it: its state and the manifest it applied (hooks left out).</summary>
public sealed record StoredRelease(HelmReleaseInfo Info, string Manifest);
