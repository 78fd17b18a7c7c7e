using System.Text;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// After a failed deploy, says what is not ready and why: workloads short of ready replicas with their pods' waiting
/// reasons, failed Jobs (hooks) with their pods' log tail, and the namespace's recent Warning events.
/// </summary>
public sealed class DeployDiagnosis(KubernetesClient kubernetes, string ns, string release, DateTimeOffset since)
{
    public async Task<string> DescribeAsync(CancellationToken ct)
    {
        var text = new StringBuilder();
        var selector = $"app.kubernetes.io/instance={release}";
        try
        {
            var pods = await kubernetes.ListAsync(KubernetesResources.Pods(ns), selector, ct: ct);
            foreach (var state in await ReleaseWorkloads.ListAsync(kubernetes, ns, release, ct))
            {
                if (state.IsReady && state.Updated >= state.Wanted) continue;
                text.AppendLine($"  {state.Kind} {state.Name}: {state.Ready}/{state.Wanted} ready, " +
                                $"{state.Updated}/{state.Wanted} updated");
                foreach (var pod in pods.Where(p => Matches(p, state.Workload)))
                {
                    AppendPod(text, pod);
                    foreach (var (container, _, _, _) in PodProblems.LastTerminated(pod))
                        text.AppendLine(await LogTailAsync(pod, container, previous: true, ct));
                }
            }
            foreach (var job in await kubernetes.ListAsync(KubernetesResources.Jobs(ns), selector, ct: ct))
            {
                var failed = job["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Failed" && c["status"]?.GetValue<string>() == "True");
                var active = job["status"]?["active"]?.GetValue<int>() ?? 0;
                if (failed == null && active == 0) continue;
                text.AppendLine($"  Job {Name(job)}: {(failed != null ? $"failed ({failed["reason"]}: {failed["message"]})" : "still running")}");
                var jobPods = await kubernetes.ListAsync(KubernetesResources.Pods(ns), $"job-name={Name(job)}", ct: ct);
                foreach (var pod in jobPods)
                {
                    AppendPod(text, pod);
                    text.AppendLine(await LogTailAsync(pod, null, previous: false, ct));
                }
            }
            var events = await kubernetes.WarningEventsAsync(ns, since, ct);
            if (events.Count > 0)
            {
                text.AppendLine("  Recent warning events:");
                var distinct = events
                    .GroupBy(e => $"{e["involvedObject"]?["kind"]}/{e["involvedObject"]?["name"]}: {e["reason"]} — {e["message"]}")
                    .Select(g => g.Count() > 1 ? $"{g.Key} (×{g.Count()})" : g.Key);
                foreach (var line in distinct.TakeLast(8)) text.AppendLine("    " + line);
            }
        }
        catch (KubernetesException e)
        {
            text.AppendLine($"  (the cluster could not be read for a diagnosis: {e.Message})");
        }
        return text.Length == 0 ? "  No workload of the release reports a problem." : text.ToString().TrimEnd();
    }

    private static void AppendPod(StringBuilder text, JsonObject pod)
    {
        var phase = pod["status"]?["phase"]?.GetValue<string>();
        foreach (var (container, reason, message) in PodProblems.Waiting(pod))
            text.AppendLine($"    pod {PodProblems.Name(pod)} ({phase}): container {container} waiting: {reason}{(message != null ? " — " + message : "")}");
        foreach (var (container, exitCode, reason, message) in PodProblems.Terminated(pod))
            text.AppendLine($"    pod {PodProblems.Name(pod)} ({phase}): container {container} exited {exitCode} ({reason}){(message != null ? ": " + message : "")}");
        foreach (var (container, exitCode, reason, restarts) in PodProblems.LastTerminated(pod))
            text.AppendLine($"    pod {PodProblems.Name(pod)}: container {container} restarted {restarts} times; " +
                            $"its last run exited {exitCode} ({reason ?? "no reason"})");
    }

    private async Task<string> LogTailAsync(JsonObject pod, string? container, bool previous, CancellationToken ct)
    {
        var title = container == null ? "log tail" : $"log tail of {container}{(previous ? "'s last run" : "")}";
        try
        {
            var path = KubernetesResources.PodLog(ns, PodProblems.Name(pod), container, tailLines: 20, previous);
            var log = await kubernetes.GetTextAsync(path, ct);
            if (log.Trim().Length == 0) return $"    {title}: (empty)";
            return $"    {title}:\n" + string.Join('\n', log.TrimEnd().Split('\n').Select(l => "      " + l));
        }
        catch (KubernetesException e)
        {
            return $"    {title}: not available ({e.Reason ?? e.Status.ToString()}: {e.Message})";
        }
    }

    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    private static bool Matches(JsonObject pod, JsonObject workload)
    {
        var labels = pod["metadata"]?["labels"]?.AsObject();
        var selector = workload["spec"]?["selector"]?["matchLabels"]?.AsObject();
        return labels != null && selector != null && selector.All(s => labels[s.Key]?.GetValue<string>() == s.Value?.GetValue<string>());
    }
}
