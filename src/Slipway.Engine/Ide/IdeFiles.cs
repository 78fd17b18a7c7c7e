using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Engine;

/// <summary>
/// Keeps editor support in step with the build: .nuke/build.schema.json (completion in parameters.json) and
/// build/Properties/launchSettings.json (one run/debug profile per target). Files are rewritten only when they change.
/// </summary>
internal static class IdeFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Update(AbsolutePath root, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        if (!(root / ".nuke").DirectoryExists) return;
        (root / ".nuke" / "build.schema.json").WriteAllTextIfChanged(Schema(targets, parameters));
        if ((root / "build").DirectoryExists)
            (root / "build" / "Properties" / "launchSettings.json").WriteAllTextIfChanged(LaunchSettings(targets));
    }

    public static string Schema(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var targetNames = new JsonArray(targets.Where(t => t.Listed).Select(t => (JsonNode)t.Name).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["Target"] = TargetList("Targets to run", targetNames),
            ["Skip"] = TargetList("Targets to skip", targetNames.DeepClone().AsArray()),
            ["Verbosity"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("quiet", "normal", "verbose") },
        };
        foreach (var parameter in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var schema = TypeSchema(parameter.Type);
            if (parameter.Description != null) schema["description"] = parameter.Description;
            properties[parameter.Name] = schema;
        }
        var document = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["title"] = "Slipway build parameters",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        return document.ToJsonString(Indented) + "\n";
    }

    public static string LaunchSettings(IReadOnlyList<ExecutableTarget> targets)
    {
        var profiles = new JsonObject();
        foreach (var target in targets.Where(t => t.Listed))
            profiles[target.Name] = new JsonObject
            {
                ["commandName"] = "Project",
                ["commandLineArgs"] = $"{target.Name} --no-logo",
            };
        return new JsonObject { ["profiles"] = profiles }.ToJsonString(Indented) + "\n";
    }

    private static JsonObject TargetList(string description, JsonArray names) => new()
    {
        ["type"] = "array",
        ["description"] = description,
        ["items"] = new JsonObject { ["type"] = "string", ["enum"] = names },
    };

    private static JsonObject TypeSchema(Type type)
    {
        if (ParameterConverter.ElementType(type) is { } element)
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(element) };
        type = ParameterConverter.UnderlyingType(type);
        if (type == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (type == typeof(int) || type == typeof(long)) return new JsonObject { ["type"] = "integer" };
        if (type.IsEnum)
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)n).ToArray()) };
        return new JsonObject { ["type"] = "string" };
    }
}
