using System.Net;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;

namespace Slipway.Delivery.Drift;

/// <summary>
/// Compares the live objects of a release with what its deployed revision applied (<see cref="LiveComparison"/>), and
/// restores them: a missing object is created again as the release applied it (with helm's ownership metadata, so the
/// next upgrade adopts it), a changed one is patched back. Helm's record stays true, so no revision is made; an
/// upgrade would not do: helm's three-way merge keeps what was added by hand (an env variable, a Secret key).
/// </summary>
public sealed class ReleaseDrift(KubernetesClient kubernetes)
{
    private readonly ApiResources _resources = new(kubernetes);

    public async Task<IReadOnlyList<DriftFinding>> FindAsync(string manifest, string ns, CancellationToken ct)
    {
        var objects = ManifestObjects.Parse(manifest);
        var scaled = objects.Any(o => ManifestObjects.Kind(o) is "Deployment" or "StatefulSet" or "ReplicaSet")
            ? await AutoscaledAsync(ns, ct) : [];
        var checks = objects.Select(applied => CompareAsync(applied, ns, scaled, ct)).ToList();
        return (await Task.WhenAll(checks)).SelectMany(f => f).ToList();
    }

    /// <summary>
    /// The workloads a HorizontalPodAutoscaler scales ("Kind/name"): their replicas are its to set, not drift.
    /// </summary>
    private async Task<HashSet<string>> AutoscaledAsync(string ns, CancellationToken ct)
    {
        try
        {
            var autoscalers = await kubernetes.ListAsync(
                $"/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers", ct: ct);
            return autoscalers.Select(a => a["spec"]?["scaleTargetRef"])
                .Select(t => $"{t?["kind"]}/{t?["name"]}").ToHashSet(StringComparer.Ordinal);
        }
        catch (KubernetesException e) when (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    /// <summary>
    /// Restores the objects. For a release helm 3 applied (client-side), as helm's field manager, as helm does. A
    /// release helm 4 applied server-side owns its fields as an Apply manager, and a field another manager also set
    /// would make its next upgrade conflict: there the repair is made under its own manager, the objects are applied
    /// again by helm's manager (forced), and the repair's manager is removed from the objects' managed fields.
    /// </summary>
    public async Task RepairAsync(IEnumerable<DriftFinding> findings, string release, string ns, bool serverSide,
        CancellationToken ct)
    {
        var manager = serverSide ? RepairFieldManager : HelmFieldManager;
        var repaired = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.Missing is { } missing)
                await kubernetes.CreateAsync(finding.ApiPath[..finding.ApiPath.LastIndexOf('/')],
                    Owned(missing, release, ns), ct, manager);
            else if (finding.Operations.Count > 0)
                await kubernetes.JsonPatchAsync(finding.ApiPath, finding.Operations, manager, ct);
            if (finding.Applied != null) repaired[finding.ApiPath] = finding.Applied;
        }
        if (!serverSide) return;
        foreach (var (path, applied) in repaired)
        {
            await kubernetes.ApplyAsync(path, Owned(applied, release, ns), HelmFieldManager, force: true, ct);
            await ForgetManagerAsync(path, RepairFieldManager, ct);
        }
    }

    private const string HelmFieldManager = "helm";
    private const string RepairFieldManager = "slipway-drift-repair";

    /// <summary>Removes a manager's entries from an object's managed fields (what it set stays, owned by helm).</summary>
    private async Task ForgetManagerAsync(string path, string manager, CancellationToken ct)
    {
        var live = await kubernetes.GetAsync(path, ct);
        var fields = live["metadata"]?["managedFields"] as JsonArray ?? [];
        var kept = fields.Where(f => f?["manager"]?.ToString() != manager).Select(f => f!.DeepClone()).ToList();
        if (kept.Count == fields.Count || kept.Count == 0) return;
        await kubernetes.JsonPatchAsync(path, [new JsonObject
        {
            ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = new JsonArray([.. kept]),
        }], ct: ct);
    }

    private async Task<IReadOnlyList<DriftFinding>> CompareAsync(JsonObject applied, string ns,
        IReadOnlySet<string> autoscaled, CancellationToken ct)
    {
        var kind = ManifestObjects.Kind(applied);
        var name = ManifestObjects.Name(applied);
        JsonObject? live;
        string? path;
        try
        {
            path = await _resources.PathOfAsync(applied, ns, ct);
            live = path == null ? null : await kubernetes.TryGetAsync(path, ct);
        }
        catch (KubernetesException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            Log.Debug($"drift: {kind} {name} not checked: this user may not read it");
            return [];
        }
        if (path == null) return []; // a kind this cluster does not serve: helm would have failed; nothing to read
        if (live == null)
            return [new DriftFinding(kind, name, "missing") { ApiPath = path, Missing = applied, Applied = applied }];
        return LiveComparison.Differences(applied, live, autoscaled.Contains($"{kind}/{name}"))
            .Select(d => new DriftFinding(kind, name, d.Difference)
            {
                ApiPath = path, Operations = d.Operations, Applied = applied,
            })
            .ToList();
    }

    /// <summary>The object with the metadata helm sets on what it installs, so helm still owns it.</summary>
    private static JsonObject Owned(JsonObject applied, string release, string ns)
    {
        var body = (JsonObject)applied.DeepClone();
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        metadata["labels"] = labels;
        labels["app.kubernetes.io/managed-by"] = "Helm";
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        annotations["meta.helm.sh/release-name"] = release;
        annotations["meta.helm.sh/release-namespace"] = ns;
        return body;
    }
}
