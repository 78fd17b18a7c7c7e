using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Slipway.Delivery.Kubernetes;

/// <summary>
/// Where the API serves a kind (its resource name and whether it is namespaced), read once per group version from
/// the API's discovery documents, so any rendered kind (CRDs included) can be read back.
/// </summary>
public sealed class ApiResources(KubernetesClient kubernetes)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<JsonArray?>>> _groups = new(StringComparer.Ordinal);

    /// <summary>The object's API path, or null when the cluster does not serve its kind.</summary>
    public async Task<string?> PathOfAsync(JsonObject obj, string defaultNamespace, CancellationToken ct)
    {
        var apiVersion = obj["apiVersion"]?.ToString() ?? "";
        var kind = ManifestObjects.Kind(obj);
        var root = apiVersion.Contains('/') ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
        var resources = await _groups.GetOrAdd(root, path => new Lazy<Task<JsonArray?>>(async () =>
            (await kubernetes.TryGetAsync(path, ct))?["resources"]?.AsArray())).Value;
        var resource = resources?.OfType<JsonObject>().FirstOrDefault(r =>
            r["kind"]?.ToString() == kind && r["name"]?.ToString() is { } name && !name.Contains('/'));
        if (resource == null) return null;
        var name = Uri.EscapeDataString(ManifestObjects.Name(obj));
        if (resource["namespaced"]?.GetValue<bool>() != true) return $"{root}/{resource["name"]}/{name}";
        var ns = obj["metadata"]?["namespace"]?.ToString() is { Length: > 0 } own ? own : defaultNamespace;
        return $"{root}/namespaces/{ns}/{resource["name"]}/{name}";
    }
}
