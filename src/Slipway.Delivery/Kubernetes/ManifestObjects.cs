using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Delivery.Images;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Kubernetes;

/// <summary>
/// The objects of a rendered manifest (helm's multi-document YAML) as JSON, the shape the API takes and returns: plain
/// scalars that read as numbers, booleans or null are typed as the API server's YAML decoder types them, quoted ones
/// stay text.
/// </summary>
public static class ManifestObjects
{
    public static IReadOnlyList<JsonObject> Parse(string manifest) =>
        ManifestImages.Documents(manifest).Select(ToJson).OfType<JsonObject>()
            .Where(o => o["kind"] != null && o["metadata"]?["name"] != null).ToList();

    public static string Kind(JsonObject obj) => obj["kind"]?.ToString() ?? "";
    public static string Name(JsonObject obj) => obj["metadata"]?["name"]?.ToString() ?? "";

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children
            .Where(c => c.Key is YamlScalarNode { Value: not null })
            .Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } plain => Typed(plain.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonNode? Typed(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        ['0', .. var octal] when octal.Length > 0 && octal.All(c => c is >= '0' and <= '7') =>
            JsonValue.Create(Convert.ToInt64(octal, 8)),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) =>
            JsonValue.Create(number),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) &&
               text.Any(char.IsDigit) => JsonValue.Create(real),
        _ => JsonValue.Create(text),
    };
}
