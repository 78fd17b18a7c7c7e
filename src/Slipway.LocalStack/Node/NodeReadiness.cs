using Slipway.Delivery.Kubernetes;
using Slipway.LocalStack.Parts;

namespace Slipway.LocalStack.Node;

/// <summary>Waits until the API server shows the node Ready (its runtime and pod network answer).</summary>
public sealed class NodeReadiness(StackPaths paths, KubeletPart kubelet)
{
    public async Task<string> WaitAsync(CancellationToken ct)
    {
        using var client = new KubernetesClient(KubeConfig.FromFiles([paths.Kubeconfig]));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var last = "not registered yet";
        while (DateTime.UtcNow < deadline)
        {
            var node = await client.TryGetAsync($"/api/v1/nodes/{KubeletPart.NodeName}", ct);
            var ready = node?["status"]?["conditions"]?.AsArray()
                .FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Ready");
            if (ready?["status"]?.GetValue<string>() == "True") return $"{KubeletPart.NodeName} Ready";
            if (ready != null) last = ready["message"]?.GetValue<string>() ?? "not ready";
            await Task.Delay(500, ct);
        }
        throw new StackException($"The node {KubeletPart.NodeName} did not become Ready within 90 s ({last}). " +
                                 $"Read {kubelet.Daemon.LogFile} — its last lines:\n{kubelet.Daemon.LogTail()}");
    }
}
