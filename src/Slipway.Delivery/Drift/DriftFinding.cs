using System.Text.Json.Nodes;

namespace Slipway.Delivery.Drift;

/// <summary>
/// One way a live object differs from what its release applied, named without values (they may be secret), with what
/// undoes it: the object to create again, or the JSON Patch operations that restore it.
/// </summary>
public sealed record DriftFinding(string Kind, string Name, string Difference)
{
    /// <summary>The object's API path.</summary>
    public required string ApiPath { get; init; }
    /// <summary>The object as the release applied it, when it is missing.</summary>
    public JsonObject? Missing { get; init; }
    public JsonArray Operations { get; init; } = [];
    /// <summary>The object as the release applied it.</summary>
    public JsonObject? Applied { get; init; }

    public override string ToString() => $"{Kind} {Name}: {Difference}";
}
