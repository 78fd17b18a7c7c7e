using System.Text.Json;

namespace Slipway.Engine;

/// <summary>
/// Gathers raw parameter values. Precedence, highest first: command line, environment variables
/// (SLIPWAY_NAME before NAME), the chosen profile's .nuke/parameters.&lt;profile&gt;.json, then .nuke/parameters.json.
/// </summary>
internal static class ParameterSources
{
    public static Dictionary<string, RawParameterValue> Collect(
        IReadOnlyList<ParameterMember> parameters,
        IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine,
        IReadOnlyDictionary<string, string> environment,
        string rootDirectory,
        string? profile,
        string currentDirectory)
    {
        var result = new Dictionary<string, RawParameterValue>();
        var keys = parameters.Select(p => p.Key).ToHashSet();

        void Offer(string key, RawParameterValue value)
        {
            if (keys.Contains(key)) result.TryAdd(key, value);
        }

        foreach (var (name, values) in commandLine)
            Offer(ParameterNames.Normalize(name), new RawParameterValue(values, $"command line --{name}", currentDirectory));

        var policy = parameters.ToDictionary(p => p.Key, p => p.Variables);
        var prefixed = ParameterNames.Normalize(ParameterNames.EnvironmentPrefix);
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var key = ParameterNames.Normalize(name);
            if (key.StartsWith(prefixed, StringComparison.Ordinal) && policy.GetValueOrDefault(key[prefixed.Length..]) != ParameterVariables.None)
                Offer(key[prefixed.Length..], new RawParameterValue([value], $"environment variable {name}", currentDirectory));
        }
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            if (policy.GetValueOrDefault(ParameterNames.Normalize(name)) == ParameterVariables.Any)
                Offer(ParameterNames.Normalize(name), new RawParameterValue([value], $"environment variable {name}", currentDirectory));

        var nuke = Path.Combine(rootDirectory, ".nuke");
        if (profile != null)
        {
            var profileFile = Path.Combine(nuke, $"parameters.{profile}.json");
            if (!File.Exists(profileFile))
            {
                var known = Directory.Exists(nuke)
                    ? Directory.GetFiles(nuke, "parameters.*.json").Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length])
                    : [];
                throw new UsageException($"Profile '{profile}' has no file .nuke/parameters.{profile}.json. " +
                    $"Known profiles: {(known.Any() ? string.Join(", ", known) : "none")}.");
            }
            foreach (var (key, value) in ReadJson(profileFile, rootDirectory)) Offer(key, value);
        }
        var defaultFile = Path.Combine(nuke, "parameters.json");
        if (File.Exists(defaultFile))
            foreach (var (key, value) in ReadJson(defaultFile, rootDirectory)) Offer(key, value);

        return result;
    }

    private static IEnumerable<(string Key, RawParameterValue Value)> ReadJson(string file, string rootDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{Path.GetRelativePath(rootDirectory, file)} is not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{Path.GetRelativePath(rootDirectory, file)} must hold a JSON object of parameter names to values.");
            var source = Path.GetRelativePath(rootDirectory, file);
            var values = new List<(string, RawParameterValue)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$')) continue;
                var texts = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(Text).ToList()
                    : [Text(property.Value)];
                values.Add((ParameterNames.Normalize(property.Name), new RawParameterValue(texts, $"{source} ({property.Name})", rootDirectory)));
            }
            return values;
        }
    }

    private static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}
