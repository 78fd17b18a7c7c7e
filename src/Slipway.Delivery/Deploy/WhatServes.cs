using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// After a failed upgrade, what is live: a claim that the previous revision "still serves" is made only when every
/// workload of the release is ready now (a StatefulSet replaces its pods in place, so a bad image can take it down).
/// </summary>
public static class WhatServes
{
    public static async Task<string> DescribeAsync(KubernetesClient kubernetes, string ns, string release,
        HelmReleaseInfo? before)
    {
        const string next = "the next run repairs the release by itself once the cause is fixed";
        if (before is not { IsDeployed: true }) return $"There was no earlier revision; {next}.";
        IReadOnlyList<WorkloadState> workloads;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            workloads = await ReleaseWorkloads.ListAsync(kubernetes, ns, release, timeout.Token);
        }
        catch (Exception e) when (e is KubernetesException or OperationCanceledException or HttpRequestException)
        {
            return $"Whether revision {before.Revision} still serves is not known: its workloads could not be read " +
                   $"({e.Message}). Look with kubectl get pods -n {ns}; {next}.";
        }
        var down = workloads.Where(w => !w.IsReady).ToList();
        if (down.Count == 0)
            return $"Every workload of {release} is ready now ({string.Join(", ", workloads.Select(Readiness))}): " +
                   $"revision {before.Revision}, the last good one, still serves; {next}.";
        return $"Not everything serves now: {string.Join(", ", down.Select(Readiness))}. Revision {before.Revision} " +
               $"was the last good one: fix the cause and run again, or go back to it at once with " +
               $"`helm rollback {release} {before.Revision} -n {ns}`.";
    }

    private static string Readiness(WorkloadState w) => $"{w.Kind} {w.Name} {w.Ready}/{w.Wanted} ready";
}
