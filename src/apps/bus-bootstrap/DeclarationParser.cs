using System.Text.Json;
using System.Text.RegularExpressions;

namespace Slipway.Sample.BusBootstrap;

/// <summary>
/// Reads the declarations JSON the apps chart's bootstrap hook renders from each component's values
/// (<c>bus.topics</c>, <c>search.indexes</c>, <c>database.schemas</c>):
/// <code>
/// {"topics":  [{"name": "orders.created", "partitions": 3, "component": "orders-api"}, "audit"],
///  "indexes": [{"name": "orders", "component": "orders-api"}],
///  "schemas": [{"name": "orders", "component": "orders-api"}]}
/// </code>
/// An entry is a name or an object with <c>name</c> (and, for a topic, optional <c>partitions</c>, default 1).
/// The same name declared twice (e.g. by a producer and a consumer) is one resource; declared twice with
/// different settings it is a conflict. Every fault is collected, then reported at once.
/// </summary>
public static partial class DeclarationParser
{
    public const int DefaultPartitions = 1;
    public const int MaxPartitions = 1000;

    static readonly string[] Sections = ["topics", "indexes", "schemas"];

    [GeneratedRegex("^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$")]
    private static partial Regex NamePattern();

    public static Declarations Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new DeclarationException([$"not valid JSON: {e.Message}"]);
        }
        using (document)
        {
            var problems = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DeclarationException([$"the document must be a JSON object with {string.Join(", ", Sections)} (got {root.ValueKind})"]);
            foreach (var property in root.EnumerateObject())
                if (!Sections.Contains(property.Name))
                    problems.Add($"unknown section '{property.Name}' (expected {string.Join(", ", Sections)})");

            var topics = new Dictionary<string, (int Partitions, List<string> Components)>(StringComparer.Ordinal);
            foreach (var (entry, path) in Entries(root, "topics", problems))
            {
                if (!ReadEntry(entry, path, ["name", "partitions", "component"], problems, out var name, out var component)) continue;
                var partitions = DefaultPartitions;
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("partitions", out var p))
                {
                    if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out partitions) || partitions < 1 || partitions > MaxPartitions)
                    {
                        problems.Add($"{path}: partitions must be an integer from 1 to {MaxPartitions} (got {p.GetRawText()})");
                        continue;
                    }
                }
                if (topics.TryGetValue(name, out var existing))
                {
                    if (existing.Partitions != partitions)
                        problems.Add($"{path}: topic '{name}' is declared with {partitions} partition(s) but {Owners(existing.Components)} declared it with {existing.Partitions}");
                    else if (component.Length > 0 && !existing.Components.Contains(component)) existing.Components.Add(component);
                }
                else topics[name] = (partitions, component.Length > 0 ? [component] : []);
            }

            var indexes = Names(root, "indexes", problems);
            var schemas = Names(root, "schemas", problems);
            if (problems.Count > 0) throw new DeclarationException(problems);
            return new Declarations(
                topics.Select(t => new TopicDeclaration(t.Key, t.Value.Partitions, t.Value.Components)).ToList(),
                indexes.Select(i => new IndexDeclaration(i.Key, i.Value)).ToList(),
                schemas.Select(s => new SchemaDeclaration(s.Key, s.Value)).ToList());
        }
    }

    static Dictionary<string, List<string>> Names(JsonElement root, string section, List<string> problems)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (entry, path) in Entries(root, section, problems))
        {
            if (!ReadEntry(entry, path, ["name", "component"], problems, out var name, out var component)) continue;
            if (!names.TryGetValue(name, out var components)) names[name] = components = [];
            if (component.Length > 0 && !components.Contains(component)) components.Add(component);
        }
        return names;
    }

    static IEnumerable<(JsonElement Entry, string Path)> Entries(JsonElement root, string section, List<string> problems)
    {
        if (!root.TryGetProperty(section, out var list) || list.ValueKind == JsonValueKind.Null) yield break;
        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{section}: must be a list (got {list.ValueKind})");
            yield break;
        }
        var i = 0;
        foreach (var entry in list.EnumerateArray()) yield return (entry, $"{section}[{i++}]");
    }

    static bool ReadEntry(JsonElement entry, string path, string[] allowed, List<string> problems, out string name, out string component)
    {
        name = component = "";
        JsonElement nameElement;
        if (entry.ValueKind == JsonValueKind.String) nameElement = entry;
        else if (entry.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in entry.EnumerateObject())
                if (!allowed.Contains(property.Name))
                {
                    problems.Add($"{path}: unknown key '{property.Name}' (expected {string.Join(", ", allowed)})");
                    return false;
                }
            if (!entry.TryGetProperty("name", out nameElement))
            {
                problems.Add($"{path}: 'name' is required");
                return false;
            }
            if (entry.TryGetProperty("component", out var c))
            {
                if (c.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{path}: 'component' must be a string");
                    return false;
                }
                component = c.GetString()!;
            }
        }
        else
        {
            problems.Add($"{path}: must be a name or an object with 'name' (got {entry.ValueKind})");
            return false;
        }
        if (nameElement.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{path}: the name must be a string (got {nameElement.GetRawText()})");
            return false;
        }
        name = nameElement.GetString()!;
        if (!NamePattern().IsMatch(name))
        {
            problems.Add($"{path}: invalid name '{name}': use 1-63 lowercase letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
            return false;
        }
        return true;
    }

    static string Owners(List<string> components) =>
        components.Count == 0 ? "an earlier entry" : string.Join(", ", components);
}
