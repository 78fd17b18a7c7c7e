using System.Text;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Secrets;

/// <summary>
/// An app secret changed in the cluster behind the deploy's back: which of its keys differ from its source (names
/// only), and the workloads that read it (their pod templates carry its version annotation), which must restart to
/// read the restored value again.
/// </summary>
public static class AppSecretDrift
{
    public const string AnnotationPrefix = "slipway.io/secret-";

    /// <summary>The annotation a deploy writes on an app secret: the version of the data it wrote.</summary>
    public const string WrittenVersion = "slipway.io/version";

    /// <summary>
    /// The keys of a live app secret that were changed in the cluster since a deploy wrote it: its data no longer has
    /// the version written with it. Empty when unchanged, when the source changed but the cluster did not (a
    /// rotation), or when no deploy wrote a version on it.
    /// </summary>
    public static IReadOnlyList<string> EditedKeys(JsonObject? live, byte[] key,
        IReadOnlyDictionary<string, string> source)
    {
        if (live?["metadata"]?["annotations"]?[WrittenVersion]?.ToString() is not { Length: > 0 } written) return [];
        var data = Data(live);
        if (SecretVersions.Of(key, data) == written) return [];
        var changed = data.Keys.Union(source.Keys).Where(k => data.GetValueOrDefault(k) != source.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal).ToList();
        return changed.Count > 0 ? changed : [.. data.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The version of a live secret's data (<see cref="SecretVersions"/>), to compare with one written.</summary>
    public static string LiveVersion(JsonObject live, byte[] key) => SecretVersions.Of(key, Data(live));

    private static Dictionary<string, string> Data(JsonObject live) =>
        (live["data"] as JsonObject ?? []).ToDictionary(d => d.Key,
            d => Encoding.UTF8.GetString(Convert.FromBase64String(d.Value?.ToString() ?? "")), StringComparer.Ordinal);

    /// <summary>
    /// Restarts the workloads whose pods read the secret, as <c>kubectl rollout restart</c> does; returns their API
    /// paths.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RestartReadersAsync(KubernetesClient kubernetes, string ns,
        string secret, CancellationToken ct)
    {
        var restarted = new List<string>();
        foreach (var path in new[] { KubernetesResources.Deployments(ns), KubernetesResources.StatefulSets(ns) })
        foreach (var workload in await kubernetes.ListAsync(path, ct: ct))
        {
            var annotations = workload["spec"]?["template"]?["metadata"]?["annotations"] as JsonObject;
            if (annotations?.ContainsKey(AnnotationPrefix + secret) != true) continue;
            var name = workload["metadata"]!["name"]!.ToString();
            await kubernetes.MergePatchAsync($"{path}/{name}", new JsonObject
            {
                ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject
                {
                    ["annotations"] = new JsonObject
                    {
                        ["kubectl.kubernetes.io/restartedAt"] = DateTimeOffset.UtcNow.ToString("o"),
                    },
                } } },
            }, ct);
            restarted.Add($"{path}/{name}");
        }
        return restarted;
    }
}
