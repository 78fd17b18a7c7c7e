using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Repairs a release before it is upgraded: one stuck in pending-install/upgrade/rollback (an interrupted helm) is rolled
/// back to its last deployed revision, or uninstalled when it has none; a failed first install is uninstalled so the
/// install can run again. Each action is logged and returned for the report.
/// </summary>
public sealed class ReleaseRecovery(HelmClient helm, KubernetesClient kubernetes)
{
    /// <summary>What was done, or null when the release needed nothing.</summary>
    public async Task<string?> RepairAsync(string release, string ns, TimeSpan timeout, CancellationToken ct) =>
        await RepairAsync(release, ns, await helm.StatusAsync(release, ns, ct), timeout, ct);

    /// <param name="status">The release's current status, already read by the caller.</param>
    public async Task<string?> RepairAsync(string release, string ns, HelmReleaseInfo? status, TimeSpan timeout, CancellationToken ct)
    {
        if (status == null || status.IsDeployed) return null;
        var history = await helm.HistoryAsync(release, ns, ct);
        var lastDeployed = history.LastOrDefault(r => r.Revision < status.Revision && r.Status is "deployed" or "superseded");

        if (status.IsPending)
        {
            if (lastDeployed == null)
            {
                await helm.UninstallAsync(release, ns, wait: true, ct);
                return Report($"release {release} was stuck in {status.Status} (revision {status.Revision}) with no deployed revision: uninstalled it");
            }
            try
            {
                await helm.RollbackAsync(release, ns, lastDeployed.Revision, wait: false, timeout, ct);
                return Report($"release {release} was stuck in {status.Status} (revision {status.Revision}): rolled back to revision {lastDeployed.Revision}");
            }
            catch (HelmException e) when (e.Message.Contains("in progress", StringComparison.OrdinalIgnoreCase))
            {
                // helm refuses to act on a pending release: drop the interrupted revision's record instead
                await kubernetes.DeleteAsync(KubernetesResources.Secret(ns, $"sh.helm.release.v1.{release}.v{status.Revision}"), ct: ct);
                return Report($"release {release} was stuck in {status.Status}: removed interrupted revision {status.Revision}; revision {lastDeployed.Revision} is current again");
            }
        }
        if (status.IsFailed && !history.Any(r => r.Status is "deployed" or "superseded"))
        {
            await helm.UninstallAsync(release, ns, wait: true, ct);
            return Report($"release {release}'s first install had failed (revision {status.Revision}): uninstalled it so it installs cleanly");
        }
        return null;
    }

    private static string Report(string action)
    {
        Log.Warning("Recovered: " + action);
        return action;
    }
}
