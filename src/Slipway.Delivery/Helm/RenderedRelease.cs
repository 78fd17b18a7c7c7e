using System.Text.Json.Nodes;

namespace Slipway.Delivery.Helm;

/// <summary>
/// What a release applies as helm rendered it: its manifest and its hooks' manifests. Two revisions that render alike
/// deploy the same objects, whatever values or chart files they came from.
/// </summary>
public sealed record RenderedRelease(string Manifest, IReadOnlyList<string> Hooks)
{
    /// <summary>From helm's JSON of a release (its storage record, or <c>helm upgrade --dry-run -o json</c>).</summary>
    public static RenderedRelease From(JsonNode release) => new(
        release["manifest"]?.GetValue<string>() ?? "",
        release["hooks"]?.AsArray().Select(h => h?["manifest"]?.GetValue<string>() ?? "").Order(StringComparer.Ordinal)
            .ToList() ?? []);

    public bool SameAs(RenderedRelease other) =>
        Manifest.Trim() == other.Manifest.Trim() &&
        Hooks.Select(h => h.Trim()).SequenceEqual(other.Hooks.Select(h => h.Trim()));
}
