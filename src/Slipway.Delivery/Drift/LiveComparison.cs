using System.Text;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Drift;

/// <summary>
/// What an experienced operator checks by hand after "someone touched prod": a workload's replicas and its
/// containers' images, env and envFrom; a Secret's or ConfigMap's data. Each difference comes with the JSON Patch
/// operations that restore what the release applied.
/// </summary>
public static class LiveComparison
{
    private static readonly string[] ContainerLists = ["initContainers", "containers"];

    /// <summary>The differences; <paramref name="autoscaled"/>: an autoscaler sets its replicas (not compared).</summary>
    public static IEnumerable<(string Difference, JsonArray Operations)> Differences(JsonObject applied,
        JsonObject live, bool autoscaled = false)
    {
        var kind = ManifestObjects.Kind(applied);
        return kind switch
        {
            "Secret" => DataDifferences(SecretData(applied), SecretData(live), "data", "key", Base64Map(applied)),
            "ConfigMap" => DataDifferences(TextMap(applied["data"]), TextMap(live["data"]), "data", "key",
                    applied["data"]?.DeepClone())
                .Concat(DataDifferences(TextMap(applied["binaryData"]), TextMap(live["binaryData"]), "binaryData",
                    "binary key", applied["binaryData"]?.DeepClone())),
            _ when PodSpecPath(kind) is { } podSpec => WorkloadDifferences(applied, live, podSpec, autoscaled),
            _ => [],
        };
    }

    private static string? PodSpecPath(string kind) => kind switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" => "/spec/template/spec",
        "CronJob" => "/spec/jobTemplate/spec/template/spec",
        _ => null, // a Job's pod template cannot change once created
    };

    private static IEnumerable<(string, JsonArray)> WorkloadDifferences(JsonObject applied, JsonObject live,
        string podSpecPath, bool autoscaled)
    {
        if (!autoscaled && applied["spec"]?["replicas"] is { } replicas &&
            !JsonSubset.Holds(live["spec"]?["replicas"], replicas))
            yield return ($"{live["spec"]?["replicas"]} replicas, the release has {replicas}",
                [Add("/spec/replicas", replicas)]);
        var appliedSpec = Walk(applied, podSpecPath);
        var liveSpec = Walk(live, podSpecPath);
        foreach (var list in ContainerLists)
        {
            var expected = Containers(appliedSpec?[list]);
            var actual = Containers(liveSpec?[list]);
            var path = $"{podSpecPath}/{list}";
            if (!expected.Keys.Order().SequenceEqual(actual.Keys.Order()))
            {
                yield return ($"{list} [{string.Join(", ", actual.Keys)}], the release has " +
                              $"[{string.Join(", ", expected.Keys)}]",
                    [Add(path, appliedSpec?[list] ?? new JsonArray())]);
                continue;
            }
            foreach (var (name, container) in expected)
            {
                var (index, running) = actual[name];
                var at = $"{path}/{index}";
                if (!JsonSubset.Holds(running["image"], container.Item["image"]))
                    yield return ($"container {name} runs image {running["image"]}, the release has " +
                                  $"{container.Item["image"]}", [Add($"{at}/image", container.Item["image"])]);
                if (EnvDifference(container.Item["env"], running["env"]) is { } env)
                    yield return ($"container {name}: {env}", [Replace($"{at}/env", container.Item["env"])]);
                if (!SameList(container.Item["envFrom"], running["envFrom"]))
                    yield return ($"container {name}: envFrom changed", [Replace($"{at}/envFrom",
                        container.Item["envFrom"])]);
            }
        }
    }

    /// <summary>Names the env variables added, removed or changed (never their values).</summary>
    private static string? EnvDifference(JsonNode? applied, JsonNode? live)
    {
        var expected = EnvByName(applied);
        var actual = EnvByName(live);
        var added = actual.Keys.Except(expected.Keys).ToList();
        var removed = expected.Keys.Except(actual.Keys).ToList();
        var changed = expected.Keys.Intersect(actual.Keys).Where(n =>
            (expected[n]["value"]?.ToString() ?? "") != (actual[n]["value"]?.ToString() ?? "") ||
            !JsonSubset.Holds(actual[n]["valueFrom"], expected[n]["valueFrom"]) ||
            (expected[n]["valueFrom"] == null) != (actual[n]["valueFrom"] == null)).ToList();
        var parts = new List<string>();
        if (added.Count > 0) parts.Add($"env {string.Join(", ", added)} added");
        if (removed.Count > 0) parts.Add($"env {string.Join(", ", removed)} removed");
        if (changed.Count > 0) parts.Add($"env {string.Join(", ", changed)} changed");
        return parts.Count > 0 ? string.Join("; ", parts) : null;
    }

    private static bool SameList(JsonNode? applied, JsonNode? live) =>
        (applied as JsonArray ?? []).Count == (live as JsonArray ?? []).Count &&
        JsonSubset.Holds(live ?? new JsonArray(), applied ?? new JsonArray());

    private static Dictionary<string, JsonObject> EnvByName(JsonNode? env) =>
        (env as JsonArray ?? []).OfType<JsonObject>().GroupBy(e => e["name"]?.ToString() ?? "")
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private static Dictionary<string, (int Index, JsonObject Item)> Containers(JsonNode? list) =>
        (list as JsonArray ?? []).Select((c, i) => (Index: i, Item: c as JsonObject))
            .Where(c => c.Item?["name"] != null)
            .GroupBy(c => c.Item!["name"]!.ToString())
            .ToDictionary(g => g.Key, g => (g.First().Index, g.First().Item!), StringComparer.Ordinal);

    private static IEnumerable<(string, JsonArray)> DataDifferences(IReadOnlyDictionary<string, string> applied,
        IReadOnlyDictionary<string, string> live, string field, string noun, JsonNode? restored)
    {
        var added = live.Keys.Except(applied.Keys).Order(StringComparer.Ordinal).ToList();
        var removed = applied.Keys.Except(live.Keys).Order(StringComparer.Ordinal).ToList();
        var changed = applied.Keys.Intersect(live.Keys).Where(k => applied[k] != live[k])
            .Order(StringComparer.Ordinal).ToList();
        if (added.Count + removed.Count + changed.Count == 0) yield break;
        var parts = new List<string>();
        if (changed.Count > 0) parts.Add($"{noun}s {string.Join(", ", changed)} changed");
        if (added.Count > 0) parts.Add($"{noun}s {string.Join(", ", added)} added");
        if (removed.Count > 0) parts.Add($"{noun}s {string.Join(", ", removed)} removed");
        yield return (string.Join("; ", parts), [Replace($"/{field}", restored)]);
    }

    /// <summary>A Secret's data in canonical base64, whether it was applied as data or stringData.</summary>
    private static Dictionary<string, string> SecretData(JsonObject secret)
    {
        var data = TextMap(secret["data"]).ToDictionary(d => d.Key, d => Canonical(d.Value), StringComparer.Ordinal);
        foreach (var (key, value) in TextMap(secret["stringData"]))
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        return data;
    }

    private static JsonObject Base64Map(JsonObject secret) =>
        new(SecretData(secret).Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));

    private static string Canonical(string base64)
    {
        try { return Convert.ToBase64String(Convert.FromBase64String(base64)); }
        catch (FormatException) { return base64; }
    }

    private static Dictionary<string, string> TextMap(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);

    private static JsonNode? Walk(JsonNode node, string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)node, (n, key) => n?[key]);

    private static JsonObject Add(string path, JsonNode? value) =>
        new() { ["op"] = "add", ["path"] = path, ["value"] = value?.DeepClone() };

    /// <summary>Sets the field to what was applied, or removes it when nothing was.</summary>
    private static JsonObject Replace(string path, JsonNode? value) =>
        value == null ? new JsonObject { ["op"] = "remove", ["path"] = path } : Add(path, value);
}
