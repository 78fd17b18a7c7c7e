using System.Text.Json.Nodes;

namespace Slipway.Delivery.Deploy;

/// <summary>Reads why a pod is not running from its status: waiting reasons (ErrImagePull …) and terminations.</summary>
public static class PodProblems
{
    /// <summary>Waiting reasons that will not resolve by waiting longer.</summary>
    public static readonly string[] Fatal = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError"];

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

    public static string Name(JsonObject pod) => pod["metadata"]!["name"]!.GetValue<string>();

    private static IEnumerable<JsonNode> ContainerStatuses(JsonObject pod) =>
        (pod["status"]?["initContainerStatuses"]?.AsArray() ?? []).Concat(pod["status"]?["containerStatuses"]?.AsArray() ?? []).OfType<JsonNode>();
}
