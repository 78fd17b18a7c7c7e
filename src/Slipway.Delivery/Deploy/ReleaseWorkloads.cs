using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>One Deployment or StatefulSet of a release, with its wanted, ready and updated replicas.</summary>
public sealed record WorkloadState(string Kind, JsonObject Workload, int Wanted, int Ready, int Updated)
{
    public string Name => Workload["metadata"]!["name"]!.GetValue<string>();
    public bool IsReady => Ready >= Wanted;
}

/// <summary>Reads a release's Deployments and StatefulSets (by the instance label helm charts set).</summary>
public static class ReleaseWorkloads
{
    public static async Task<IReadOnlyList<WorkloadState>> ListAsync(KubernetesClient kubernetes, string ns,
        string release, CancellationToken ct)
    {
        var states = new List<WorkloadState>();
        foreach (var (kind, path) in new[] { ("Deployment", KubernetesResources.Deployments(ns)),
                     ("StatefulSet", KubernetesResources.StatefulSets(ns)) })
        foreach (var workload in await kubernetes.ListAsync(path, $"app.kubernetes.io/instance={release}", ct: ct))
            states.Add(new WorkloadState(kind, workload,
                workload["spec"]?["replicas"]?.GetValue<int>() ?? 1,
                workload["status"]?["readyReplicas"]?.GetValue<int>() ?? 0,
                workload["status"]?["updatedReplicas"]?.GetValue<int>() ?? 0));
        return states;
    }
}
