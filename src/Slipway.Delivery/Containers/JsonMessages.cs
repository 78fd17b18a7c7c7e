using System.Text.Json;
using Docker.DotNet.Models;

namespace Slipway.Delivery.Containers;

/// <summary>Reading the engine's progress messages.</summary>
internal static class JsonMessages
{
    /// <summary>A string field of the message's <c>aux</c> object (a build's ID, a push's Digest), or null.</summary>
    public static string? AuxString(this JSONMessage message, string key) =>
        message.Aux?.ExtensionData is { } aux && aux.TryGetValue(key, out var value)
        && value is JsonElement { ValueKind: JsonValueKind.String } text
            ? text.GetString()
            : null;
}
