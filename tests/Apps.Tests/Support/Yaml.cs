using YamlDotNet.RepresentationModel;

namespace Slipway.Sample.Tests.Support;

/// <summary>YAML as plain objects: maps are Dictionary&lt;string, object?&gt;, sequences List&lt;object?&gt;, scalars strings (or null).</summary>
public static class Yaml
{
    public static IReadOnlyList<Dictionary<string, object?>> LoadDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Select(d => ToPlain(d.RootNode))
            .OfType<Dictionary<string, object?>>()
            .ToList();
    }

    public static Dictionary<string, object?> LoadMap(string text) =>
        LoadDocuments(text).SingleOrDefault() ?? new Dictionary<string, object?>();

    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => ToPlain(c.Value)),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "" => null,
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    /// <summary>The value at a dotted path (keys may contain '-'; a numeric part indexes a list), or null.</summary>
    public static object? At(this object? root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            current = current switch
            {
                Dictionary<string, object?> map => map.GetValueOrDefault(part),
                List<object?> list when int.TryParse(part, out var i) && i < list.Count => list[i],
                _ => null,
            };
            if (current == null) return null;
        }
        return current;
    }

    public static string? StringAt(this object? root, string path) => root.At(path) as string;

    public static Dictionary<string, object?> MapAt(this object? root, string path) =>
        root.At(path) as Dictionary<string, object?> ?? new Dictionary<string, object?>();

    public static List<object?> ListAt(this object? root, string path) => root.At(path) as List<object?> ?? [];

    /// <summary>Deep merge as Helm layers values files: maps merge key by key, anything else is replaced.</summary>
    public static Dictionary<string, object?> Merge(Dictionary<string, object?> into, Dictionary<string, object?> from)
    {
        foreach (var (key, value) in from)
            into[key] = value is Dictionary<string, object?> map && into.GetValueOrDefault(key) is Dictionary<string, object?> existing
                ? Merge(existing, map)
                : value;
        return into;
    }
}
