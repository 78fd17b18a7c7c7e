using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Watches a release's new pods while helm waits: a pod stuck in a fatal waiting state (ErrImagePull, CrashLoopBackOff …)
/// for <see cref="Patience"/> stops the deploy at once instead of after helm's timeout.
/// </summary>
public sealed class FailFastWatcher(KubernetesClient kubernetes, string ns, string release, DateTimeOffset deployStart)
{
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(12);
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

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
            foreach (var pod in pods.Where(p => KubernetesOperations.Timestamp(p["metadata"]?["creationTimestamp"]) >= deployStart.AddSeconds(-1)))
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
