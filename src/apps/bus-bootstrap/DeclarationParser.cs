using System.Text.Json;
using System.Text.RegularExpressions;

namespace Slipway.Sample.BusBootstrap;

/// <summary>
/// Reads the declarations JSON the apps chart's bootstrap hook renders from each component's values
/// (<c>bus.topics</c>, <c>database.schemas</c>):
/// <code>
/// {"topics":  [{"name": "orders.created", "component": "orders-api"}, "audit"],
///  "schemas": [{"name": "orders", "component": "orders-api"}]}
/// </code>
/// An entry is a name or an object with <c>name</c> (and <c>component</c>, who declared it). The same name declared
/// twice (e.g. by a producer and a consumer) is one resource. Every fault is collected, then reported at once.
/// </summary>
public static partial class DeclarationParser
{
    static readonly string[] Sections = ["topics", "schemas"];

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

            var topics = Names(root, "topics", problems);
            var schemas = Names(root, "schemas", problems);
            if (problems.Count > 0) throw new DeclarationException(problems);
            return new Declarations(
                topics.Select(t => new TopicDeclaration(t.Key, t.Value)).ToList(),
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
}
