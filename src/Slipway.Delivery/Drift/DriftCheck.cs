using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;

namespace Slipway.Delivery.Drift;

/// <summary>
/// The drift step of a deploy whose release is unchanged: finds what differs from the deployed revision, says it,
/// restores it (unless repair is off) and waits (bounded) until the restored workloads are ready again; what is still
/// not ready is upgraded again by the deployer, as any unchanged release that is not ready.
/// </summary>
public sealed class DriftCheck(KubernetesClient kubernetes, bool repair)
{
    /// <summary>How long restored workloads may take to roll out before the release is upgraded again instead.</summary>
    private static readonly TimeSpan MaxRolloutWait = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<DriftFinding>> RunAsync(string release, string ns, StoredRelease deployed,
        TimeSpan timeout, CancellationToken ct)
    {
        var drift = new ReleaseDrift(kubernetes);
        var findings = await drift.FindAsync(deployed.Manifest, ns, ct);
        if (findings.Count == 0) return findings;
        foreach (var finding in findings) Log.Warning($"{release}: drift: {finding}");
        if (!repair)
        {
            Log.Warning($"{release}: {findings.Count} difference(s) from the deployed revision left as they are " +
                        "(--no-repair); a deploy without it restores them");
            return findings;
        }
        await drift.RepairAsync(findings, release, ns, deployed.ServerSideApply, ct);
        Log.Information($"{release}: restored what the deployed revision applied; waiting for its workloads");
        var wait = timeout < MaxRolloutWait ? timeout : MaxRolloutWait;
        var unready = await WorkloadRollout.WaitAsync(kubernetes, ns, release, wait, ct);
        if (unready.Count > 0) // e.g. what the release's hooks made is gone too: upgrading again runs them
            Log.Warning($"{release}: drift repaired, but not rolled out after {wait.TotalSeconds:0} s " +
                        $"({string.Join(", ", unready)})");
        else Log.Success($"{release}: drift repaired ({findings.Count} difference(s)), workloads ready");
        return findings;
    }
}
