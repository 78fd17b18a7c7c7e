using System.Text;
using System.Text.Json.Nodes;

namespace Slipway.Delivery.Kubernetes;

/// <summary>The typed operations deploys need, on top of <see cref="KubernetesClient"/>.</summary>
public static class KubernetesOperations
{
    /// <summary>Creates the namespace or updates its labels and annotations (server-side apply).</summary>
    public static Task<JsonObject> EnsureNamespaceAsync(this KubernetesClient client, string name,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? annotations = null, CancellationToken ct = default) =>
        client.ApplyAsync(KubernetesResources.Namespace(name), new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = ToJson(labels),
                ["annotations"] = ToJson(annotations ?? new Dictionary<string, string>()),
            },
        }, ct: ct);

    /// <summary>
    /// As <see cref="EnsureNamespaceAsync"/>, for users whose rights end at their namespace (namespaces are
    /// cluster-scoped): false when the API forbids touching the namespace object, which the cluster's admins then own.
    /// </summary>
    public static async Task<bool> TryEnsureNamespaceAsync(this KubernetesClient client, string name,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? annotations = null,
        CancellationToken ct = default)
    {
        try
        {
            await client.EnsureNamespaceAsync(name, labels, annotations, ct);
            return true;
        }
        catch (KubernetesException e) when (e.Status == System.Net.HttpStatusCode.Forbidden)
        {
            return false;
        }
    }

    /// <summary>Writes a Secret (created or replaced through server-side apply); values go base64-encoded, never to the log.</summary>
    public static Task<JsonObject> ApplySecretAsync(this KubernetesClient client, string ns, string name, string type,
        IReadOnlyDictionary<string, string> data, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken ct = default, IReadOnlyDictionary<string, string>? annotations = null) =>
        client.ApplyAsync(KubernetesResources.Secret(ns, name), new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = ns, ["labels"] = ToJson(labels ?? new Dictionary<string, string>()),
                ["annotations"] = ToJson(annotations ?? new Dictionary<string, string>()),
            },
            ["type"] = type,
            ["data"] = new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Value))))),
        }, ct: ct);

    /// <summary>A kubernetes.io/dockerconfigjson Secret for pulling from one registry.</summary>
    public static Task<JsonObject> ApplyPullSecretAsync(this KubernetesClient client, string ns, string name, string registry,
        string username, string password, CancellationToken ct = default)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        var config = new JsonObject
        {
            ["auths"] = new JsonObject { [registry] = new JsonObject { ["username"] = username, ["password"] = password, ["auth"] = auth } },
        };
        return client.ApplySecretAsync(ns, name, "kubernetes.io/dockerconfigjson",
            new Dictionary<string, string> { [".dockerconfigjson"] = config.ToJsonString() }, ct: ct);
    }

    /// <summary>Deletes the namespace and waits until it is gone (its finalizers run in the controller-manager).</summary>
    public static async Task<bool> DeleteNamespaceAsync(this KubernetesClient client, string name, TimeSpan timeout, CancellationToken ct = default)
    {
        if (!await client.DeleteAsync(KubernetesResources.Namespace(name), ct: ct)) return false;
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? terminating = null;
        while (DateTime.UtcNow < deadline)
        {
            terminating = await client.TryGetAsync(KubernetesResources.Namespace(name), ct);
            if (terminating == null) return true;
            await Task.Delay(500, ct);
        }
        throw new KubernetesException(System.Net.HttpStatusCode.RequestTimeout, "Timeout",
            $"Namespace {name} is still terminating after {timeout.TotalSeconds:0} s" + Remaining(terminating) +
            $" (kubectl get all -n {name}).");
    }

    /// <summary>What the namespace controller says is left (its status conditions), e.g. pods still stopping.</summary>
    private static string Remaining(JsonObject? ns)
    {
        var said = (ns?["status"]?["conditions"] as JsonArray ?? [])
            .Where(c => c?["status"]?.GetValue<string>() == "True")
            .Select(c => c?["message"]?.GetValue<string>()).OfType<string>().ToList();
        return said.Count > 0 ? ": " + string.Join("; ", said) : ": something holds a finalizer";
    }

    public static async Task<IReadOnlyList<JsonObject>> WarningEventsAsync(this KubernetesClient client, string ns, DateTimeOffset since, CancellationToken ct = default) =>
        (await client.ListAsync(KubernetesResources.Events(ns), fieldSelector: "type=Warning", ct: ct))
            .Where(e => Timestamp(e["lastTimestamp"] ?? e["eventTime"] ?? e["metadata"]?["creationTimestamp"]) >= since.AddSeconds(-2))
            .OrderBy(e => Timestamp(e["lastTimestamp"] ?? e["eventTime"] ?? e["metadata"]?["creationTimestamp"]))
            .ToList();

    public static DateTimeOffset Timestamp(JsonNode? node) =>
        node?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, out var value) ? value : DateTimeOffset.MinValue;

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value)));
}
