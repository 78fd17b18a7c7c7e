using System.Text.Json.Nodes;

namespace Slipway.Delivery.Helm;

/// <summary>
/// A release's revision as helm stored it: its state and what it applied (<see cref="Rendered"/> null when only its
/// manifest is known, hooks not).
/// </summary>
public sealed record StoredRelease(HelmReleaseInfo Info, string Manifest, RenderedRelease? Rendered = null)
{
    /// <summary>Whether helm applied it server-side (helm 4's default): it owns fields as an Apply manager.</summary>
    public bool ServerSideApply { get; init; }
    /// <summary>When it was deployed; null when unknown.</summary>
    public DateTimeOffset? DeployedAt { get; init; }
    /// <summary>The values given to it (<c>--set</c> and values files), as helm stored them.</summary>
    public JsonObject Config { get; init; } = [];
}
