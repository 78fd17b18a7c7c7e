namespace Slipway.Delivery.Helm;

/// <summary>
/// A release's revision as helm stored it: its state and what it applied (<see cref="Rendered"/> null when only its
/// manifest is known, hooks not).
/// </summary>
public sealed record StoredRelease(HelmReleaseInfo Info, string Manifest, RenderedRelease? Rendered = null);
