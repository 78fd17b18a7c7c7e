using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Drift;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Secrets;

namespace Slipway.Delivery.Status;

/// <summary>
/// Reads what runs in one namespace: each release's newest revision from helm's storage, the workloads it applied
/// (ready/desired, the digests their pods pulled) and how the live objects drifted from it, app secrets included
/// (their keyed hash against the version the release was given). Reads only: nothing is changed.
/// </summary>
public sealed partial class StatusReader(KubernetesClient kubernetes, HelmClient helm)
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet"];

    public async Task<IReadOnlyList<ReleaseStatus>> ReadAsync(IEnumerable<string> releases, string ns,
        CancellationToken ct)
    {
        var key = await SecretVersions.TryReadKeyAsync(kubernetes, ns, ct);
        var statuses = new List<ReleaseStatus>();
        foreach (var release in releases) statuses.Add(await ReadAsync(release, ns, key, ct));
        return statuses;
    }

    private async Task<ReleaseStatus> ReadAsync(string release, string ns, byte[]? key, CancellationToken ct)
    {
        var stored = HelmReleaseStorage.IsUsed
            ? await new HelmReleaseStorage(kubernetes).LatestAsync(release, ns, ct)
            : await helm.StatusAsync(release, ns, ct) is { } info
                ? new StoredRelease(info, await helm.GetManifestAsync(release, ns, ct))
                : null;
        if (stored == null) return new ReleaseStatus(release);

        var findings = await new ReleaseDrift(kubernetes).FindAsync(stored.Manifest, ns, ct);
        var secretDrift = key == null ? [] : await EditedSecretsAsync(stored.Config, ns, key, ct);
        var workloads = new List<WorkloadStatus>();
        var attributed = new HashSet<DriftFinding>();
        foreach (var applied in ManifestObjects.Parse(stored.Manifest)
                     .Where(o => WorkloadKinds.Contains(ManifestObjects.Kind(o))))
        {
            var kind = ManifestObjects.Kind(applied);
            var name = ManifestObjects.Name(applied);
            var own = findings.Where(f => f.Kind == kind && f.Name == name).ToList();
            attributed.UnionWith(own);
            var live = await kubernetes.TryGetAsync(WorkloadPath(kind, ns, name), ct);
            var readers = secretDrift.Where(s => ReadsSecret(live, s)).Select(s => $"Secret {s}: changed in the " +
                "cluster since the deploy (its pods may run with a value that is not the source's)");
            workloads.Add(await WorkloadAsync(kind, name, live, ns, ct) with
            {
                Drift = [.. own.Select(f => f.Difference), .. readers],
            });
        }
        var unread = secretDrift.Where(s => !workloads.Any(w => w.Drift.Any(d => d.StartsWith($"Secret {s}:"))))
            .Select(s => $"Secret {s}: changed in the cluster since the deploy");
        return new ReleaseStatus(release)
        {
            Revision = stored.Info.Revision, HelmStatus = stored.Info.Status,
            Chart = stored.Info.Chart, AppVersion = stored.Info.AppVersion, DeployedAt = stored.DeployedAt,
            Commit = CommitOf(stored.Info.Description),
            Drift = [.. findings.Where(f => !attributed.Contains(f)).Select(f => f.ToString()), .. unread],
            Workloads = workloads,
        };
    }

    private async Task<WorkloadStatus> WorkloadAsync(string kind, string name, JsonObject? live, string ns,
        CancellationToken ct)
    {
        if (live == null) return new WorkloadStatus(kind, name) { Missing = true };
        var spec = live["spec"];
        var status = live["status"];
        var (ready, desired) = kind == "DaemonSet"
            ? (Int(status?["numberReady"]), Int(status?["desiredNumberScheduled"]))
            : (Int(status?["readyReplicas"]), spec?["replicas"] is { } replicas ? Int(replicas) : 1);
        var selector = spec?["selector"]?["matchLabels"] as JsonObject ?? [];
        var pods = selector.Count == 0 ? [] : await kubernetes.ListAsync(KubernetesResources.Pods(ns),
            string.Join(',', selector.Select(l => $"{l.Key}={l.Value}")), ct: ct);
        var images = (spec?["template"]?["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => Running(c["name"]?.ToString() ?? "", c["image"]?.ToString() ?? "", pods)).ToList();
        return new WorkloadStatus(kind, name) { Ready = ready, Desired = desired, Images = images };
    }

    /// <summary>The image with the digest its pods report pulling (the newest pod that says).</summary>
    private static RunningImage Running(string container, string image, IReadOnlyList<JsonObject> pods)
    {
        var digest = pods.OrderByDescending(p => KubernetesOperations.Timestamp(p["metadata"]?["creationTimestamp"]))
            .SelectMany(p => p["status"]?["containerStatuses"] as JsonArray ?? [])
            .Where(s => s?["name"]?.ToString() == container)
            .Select(s => DigestPattern().Match(s?["imageID"]?.ToString() ?? ""))
            .FirstOrDefault(m => m.Success)?.Value;
        ImageReference.TryParse(image, out var reference, out _);
        return new RunningImage(image, reference?.Tag, reference?.Digest ?? digest);
    }

    /// <summary>App secrets whose live data no longer has the version the release was deployed with.</summary>
    private async Task<IReadOnlyList<string>> EditedSecretsAsync(JsonObject config, string ns, byte[] key,
        CancellationToken ct)
    {
        var edited = new List<string>();
        foreach (var (name, version) in config["global"]?["secretVersions"] as JsonObject ?? [])
        {
            var live = await kubernetes.TryGetAsync(KubernetesResources.Secret(ns, name), ct);
            if (live == null || AppSecretDrift.LiveVersion(live, key) != version?.ToString()) edited.Add(name);
        }
        return edited;
    }

    private static bool ReadsSecret(JsonObject? workload, string secret) =>
        (workload?["spec"]?["template"]?["metadata"]?["annotations"] as JsonObject)
        ?.ContainsKey(AppSecretDrift.AnnotationPrefix + secret) == true;

    private static string WorkloadPath(string kind, string ns, string name) => kind switch
    {
        "Deployment" => KubernetesResources.Deployment(ns, name),
        "StatefulSet" => KubernetesResources.StatefulSet(ns, name),
        _ => $"/apis/apps/v1/namespaces/{ns}/daemonsets/{name}",
    };

    private static int Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number)
        ? number : int.TryParse(node?.ToString(), out var parsed) ? parsed : 0;

    private static string? CommitOf(string? description) =>
        description != null && CommitPattern().Match(description) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"sha256:[0-9a-f]{64}")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"commit=([0-9a-f]+)")]
    private static partial Regex CommitPattern();
}
