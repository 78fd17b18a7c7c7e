using System.Text.Json.Nodes;

namespace Slipway.Delivery.Drift;

/// <summary>
/// Whether a live value holds everything an applied one says: the API server adds defaults (a fieldRef's apiVersion, a
/// port's protocol), so a live object is compared as a superset of what was applied; lists must have as many items.
/// </summary>
public static class JsonSubset
{
    public static bool Holds(JsonNode? live, JsonNode? applied) => applied switch
    {
        null => true,
        JsonObject expected => live is JsonObject actual && expected.All(p => Holds(actual[p.Key], p.Value)),
        JsonArray expected => live is JsonArray actual && actual.Count == expected.Count &&
                              expected.Select((item, i) => Holds(actual[i], item)).All(held => held),
        _ => live is JsonValue && live.ToString() == applied.ToString(),
    };
}
