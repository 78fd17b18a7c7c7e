using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Watches a release's new pods while helm waits: a crash loop or an OOM kill stops the deploy at once, and a pod
/// stuck in another fatal waiting state (ErrImagePull …) for <see cref="Patience"/> stops it instead of helm's timeout.
/// </summary>
public sealed class FailFastWatcher(KubernetesClient kubernetes, string ns, string release, DateTimeOffset deployStart)
{
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(12);
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> _replaced = [];

    /// <summary>
    /// A StatefulSet never replaces a pod that is stuck (ErrImagePull …) at an old revision: the rollout would wait
    /// forever (kubernetes#67250). Such a pod, left by an earlier failed deploy, is deleted so it comes back at the new revision.
    /// </summary>
    private async Task ReplaceStuckStatefulPodAsync(JsonObject pod, CancellationToken ct)
    {
        var name = PodProblems.Name(pod);
        if (_replaced.Contains(name) || !PodProblems.Waiting(pod).Any(w => PodProblems.Fatal.Contains(w.Reason))) return;
        var owner = pod["metadata"]?["ownerReferences"]?.AsArray().FirstOrDefault(o => o?["kind"]?.GetValue<string>() == "StatefulSet");
        var revision = pod["metadata"]?["labels"]?["controller-revision-hash"]?.GetValue<string>();
        if (owner == null || revision == null) return;
        var statefulSet = await kubernetes.TryGetAsync(KubernetesResources.StatefulSet(ns, owner["name"]!.GetValue<string>()), ct);
        var updateRevision = statefulSet?["status"]?["updateRevision"]?.GetValue<string>();
        if (updateRevision == null || updateRevision == revision) return;
        _replaced.Add(name);
        Slipway.Engine.Log.Warning($"{release}: pod {name} is stuck ({string.Join(", ", PodProblems.Waiting(pod).Select(w => w.Reason))}) at an earlier revision: deleting it so its StatefulSet can roll");
        await kubernetes.DeleteAsync(KubernetesResources.Pod(ns, name), ct: ct);
    }

    /// <summary>Completes with the reason once a pod is hopeless; runs until cancelled otherwise.</summary>
    public async Task<string> WatchAsync(CancellationToken ct)
    {
        var firstSeen = new Dictionary<string, DateTime>();
        while (true)
        {
            await Task.Delay(Interval, ct);
            IReadOnlyList<JsonObject> pods;
            try
            {
                pods = await kubernetes.ListAsync(KubernetesResources.Pods(ns), $"app.kubernetes.io/instance={release}", ct: ct);
            }
            catch (KubernetesException)
            {
                continue;
            }
            foreach (var pod in pods.Where(p => KubernetesOperations.Timestamp(p["metadata"]?["creationTimestamp"]) < deployStart.AddSeconds(-1)))
                await ReplaceStuckStatefulPodAsync(pod, ct);
            foreach (var pod in pods.Where(p => KubernetesOperations.Timestamp(p["metadata"]?["creationTimestamp"]) >= deployStart.AddSeconds(-1)))
            {
                // a crash loop or an OOM kill is already the kubelet's verdict: no patience
                if (PodProblems.Hopeless(pod, immediateOnly: true) is { } now) return $"pod {PodProblems.Name(pod)}: {now}";
                foreach (var (container, reason, message) in PodProblems.Waiting(pod).Where(w => PodProblems.Fatal.Contains(w.Reason)))
                {
                    var key = $"{PodProblems.Name(pod)}/{container}";
                    var since = firstSeen.TryGetValue(key, out var seen) ? seen : firstSeen[key] = DateTime.UtcNow;
                    if (DateTime.UtcNow - since >= Patience)
                        return $"pod {PodProblems.Name(pod)} container {container}: {reason}{(message != null ? " — " + message : "")}";
                }
            }
        }
    }
}
