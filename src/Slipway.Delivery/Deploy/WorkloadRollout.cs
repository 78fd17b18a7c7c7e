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
