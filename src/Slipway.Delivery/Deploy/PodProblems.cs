using System.Text.Json.Nodes;

namespace Slipway.Delivery.Deploy;

/// <summary>Reads why a pod is not running from its status: waiting reasons (ErrImagePull …) and terminations.</summary>
public static class PodProblems
{
    /// <summary>Waiting reasons that will not resolve by waiting longer.</summary>
    public static readonly string[] Fatal = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError"];

    /// <summary>What a registry answers when an image or tag does not exist.</summary>
    private static readonly string[] DefinitivePull = ["manifest unknown", "not found"];

    public static IEnumerable<(string Container, string Reason, string? Message)> Waiting(JsonObject pod) =>
        ContainerStatuses(pod)
            .Select(s => (Name: s["name"]?.GetValue<string>() ?? "?", Waiting: s["state"]?["waiting"]))
            .Where(s => s.Waiting?["reason"] != null)
            .Select(s => (s.Name, s.Waiting!["reason"]!.GetValue<string>(), s.Waiting["message"]?.GetValue<string>()));

    public static IEnumerable<(string Container, int ExitCode, string? Reason, string? Message)> Terminated(JsonObject pod) =>
        ContainerStatuses(pod)
            .Select(s => (Name: s["name"]?.GetValue<string>() ?? "?", Terminated: s["state"]?["terminated"]))
            .Where(s => s.Terminated != null && s.Terminated["exitCode"]?.GetValue<int>() != 0)
            .Select(s => (s.Name, s.Terminated!["exitCode"]!.GetValue<int>(), s.Terminated["reason"]?.GetValue<string>(), s.Terminated["message"]?.GetValue<string>()));

    /// <summary>
    /// Containers whose previous run ended badly (a crash, OOMKilled), with how often they restarted: what a crash
    /// loop shows between restarts.
    /// </summary>
    public static IEnumerable<(string Container, int ExitCode, string? Reason, int Restarts)> LastTerminated(JsonObject pod) =>
        ContainerStatuses(pod)
            .Select(s => (Name: s["name"]?.GetValue<string>() ?? "?", Last: s["lastState"]?["terminated"],
                Restarts: s["restartCount"]?.GetValue<int>() ?? 0))
            .Where(s => s.Last != null && (s.Last["exitCode"]?.GetValue<int>() != 0 || s.Last["reason"]?.GetValue<string>() == "OOMKilled"))
            .Select(s => (s.Name, s.Last!["exitCode"]!.GetValue<int>(), s.Last["reason"]?.GetValue<string>(), s.Restarts));

    /// <summary>Why a container of the pod will not get ready by waiting, or null: a crash loop, a failed pull, OOMKilled.</summary>
    public static string? Hopeless(JsonObject pod, bool immediateOnly)
    {
        foreach (var (container, reason, message) in Waiting(pod))
        {
            if (reason == "CrashLoopBackOff")
                return $"container {container} is in CrashLoopBackOff{LastRun(pod, container)}";
            // the registry answered that the image does not exist: no retry will find it
            if (reason == "ErrImagePull" && message != null && DefinitivePull.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase)))
                return $"container {container}: {reason} — {message}";
            if (!immediateOnly && Fatal.Contains(reason))
                return $"container {container}: {reason}{(message != null ? " — " + message : "")}";
        }
        foreach (var (container, exitCode, reason, _) in Terminated(pod).Where(t => t.Reason == "OOMKilled"))
            return $"container {container} was OOMKilled (exit code {exitCode}): its memory limit is too low";
        foreach (var (container, _, reason, restarts) in LastTerminated(pod).Where(t => t.Reason == "OOMKilled"))
            return $"container {container} was OOMKilled ({restarts} restarts): its memory limit is too low";
        return null;
    }

    private static string LastRun(JsonObject pod, string container) =>
        LastTerminated(pod).Where(t => t.Container == container)
            .Select(t => $": its last run exited with code {t.ExitCode} ({t.Reason ?? "no reason"}), {t.Restarts} restarts")
            .FirstOrDefault() ?? "";

    public static string Name(JsonObject pod) => pod["metadata"]!["name"]!.GetValue<string>();

    private static IEnumerable<JsonNode> ContainerStatuses(JsonObject pod) =>
        (pod["status"]?["initContainerStatuses"]?.AsArray() ?? []).Concat(pod["status"]?["containerStatuses"]?.AsArray() ?? []).OfType<JsonNode>();
}
