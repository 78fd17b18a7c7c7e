using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Deploy;

/// <summary>Reads the fields the build needs from a Chart.yaml.</summary>
internal static class ChartYaml
{
    /// <summary>The document's top-level map, or null when it has none.</summary>
    public static YamlMappingNode? Load(TextReader reader)
    {
        var yaml = new YamlStream();
        try { yaml.Load(reader); }
        catch (YamlException) { return null; }
        return yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
    }

    /// <summary>The name in a chart folder's Chart.yaml; null when it has none.</summary>
    public static string? NameIn(string directory)
    {
        var file = Path.Combine(directory, "Chart.yaml");
        if (!File.Exists(file)) return null;
        using var reader = new StreamReader(file);
        return Load(reader) is { } root ? Scalar(root, "name") : null;
    }

    public static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;
}
