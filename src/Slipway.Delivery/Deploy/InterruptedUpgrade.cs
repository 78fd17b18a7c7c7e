using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// What an upgrade stopped by Ctrl-C or SIGTERM leaves: its running hook Jobs are deleted (they would go on
/// migrating or seeding with nobody watching), and the release's state is said as it is.
/// </summary>
public static class InterruptedUpgrade
{
    public static async Task<string> CleanUpAsync(KubernetesClient kubernetes, string ns, string release,
        DateTimeOffset start, Func<CancellationToken, Task<HelmReleaseInfo?>> latest)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // the run itself was cancelled
        var said = new List<string>();
        try
        {
            foreach (var job in await kubernetes.ListAsync(KubernetesResources.Jobs(ns), ct: timeout.Token))
            {
                var metadata = job["metadata"]!;
                var created = KubernetesOperations.Timestamp(metadata["creationTimestamp"]);
                var isHook = metadata["annotations"]?["helm.sh/hook"] != null;
                var done = job["status"]?["completionTime"] != null
                           || (job["status"]?["failed"]?.GetValue<int>() ?? 0) > 0;
                if (!isHook || done || created < start.AddSeconds(-2)) continue;
                var name = metadata["name"]!.GetValue<string>();
                await kubernetes.DeleteAsync(KubernetesResources.Job(ns, name), ct: timeout.Token);
                said.Add($"deleted its running hook Job {name}");
            }
            if (await latest(timeout.Token) is { } info)
                said.Add(info.IsDeployed ? $"revision {info.Revision} is the deployed one"
                    : info.IsPending
                        ? $"revision {info.Revision} is left {info.Status}: the next run rolls it back first"
                        : $"revision {info.Revision} is marked {info.Status} (helm stopped): the next run upgrades " +
                          "over it");
        }
        catch (Exception e) when (e is KubernetesException or OperationCanceledException or HttpRequestException
                                      or HelmException)
        {
            said.Add($"what it left could not be read ({e.Message}): look with helm status {release} -n {ns}");
        }
        return said.Count > 0 ? string.Join("; ", said) : "nothing of it was left running";
    }
}
