using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>Waits until workloads have rolled out: every replica of the current template ready, the old ones gone.
/// </summary>
public static class WorkloadRollout
{
    /// <summary>The workloads still rolling when the time is up (empty when all are done).</summary>
    public static async Task<IReadOnlyList<string>> WaitAsync(KubernetesClient kubernetes, string ns, string release,
        TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var rolling = (await ReleaseWorkloads.ListAsync(kubernetes, ns, release, ct))
                .Where(w => !RolledOut(w)).Select(w => $"{w.Kind} {w.Name} {w.Ready}/{w.Wanted}").ToList();
            if (rolling.Count == 0 || DateTimeOffset.UtcNow > deadline) return rolling;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    /// <summary>The same for given workloads (API paths of Deployments or StatefulSets).</summary>
    public static async Task<IReadOnlyList<string>> WaitForAsync(KubernetesClient kubernetes,
        IReadOnlyList<string> workloads, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var rolling = new List<string>();
            foreach (var path in workloads)
            {
                if (await kubernetes.TryGetAsync(path, ct) is not { } workload) continue;
                var state = new WorkloadState(path.Contains("/statefulsets/") ? "StatefulSet" : "Deployment", workload,
                    workload["spec"]?["replicas"]?.GetValue<int>() ?? 1,
                    workload["status"]?["readyReplicas"]?.GetValue<int>() ?? 0,
                    workload["status"]?["updatedReplicas"]?.GetValue<int>() ?? 0);
                if (!RolledOut(state)) rolling.Add($"{state.Kind} {state.Name} {state.Ready}/{state.Wanted}");
            }
            if (rolling.Count == 0 || DateTimeOffset.UtcNow > deadline) return rolling;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private static bool RolledOut(WorkloadState workload)
    {
        var status = workload.Workload["status"];
        var generation = workload.Workload["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        var observed = status?["observedGeneration"]?.GetValue<long>() ?? 0;
        var total = status?["replicas"]?.GetValue<int>() ?? 0;
        return observed >= generation && workload.Updated >= workload.Wanted && workload.Ready >= workload.Wanted &&
               total <= workload.Wanted;
    }
}
