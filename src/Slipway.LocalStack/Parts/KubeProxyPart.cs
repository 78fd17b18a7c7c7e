using Slipway.Engine;
using Slipway.LocalStack.Node;

namespace Slipway.LocalStack.Parts;

/// <summary>
/// kube-proxy v1.20 in iptables mode: ClusterIP Services route, from pods and from the host. It leaves the kernel's
/// conntrack settings alone; StackDown removes its rules (<c>kube-proxy --cleanup</c>).
/// </summary>
public sealed class KubeProxyPart(StackPaths paths, StackPorts ports) : StackPart("kube-proxy", paths, "kube-proxy")
{
    public override string Endpoint => $"http://127.0.0.1:{ports.KubeProxyHealthz}";
    protected override IEnumerable<int> Ports => [ports.KubeProxyHealthz, ports.KubeProxyMetrics];
    public AbsolutePath Executable => Paths.KubernetesBinaries / "kube-proxy";

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var (status, body, response) = await LoopbackHttp.GetAsync(Endpoint + "/healthz", ct);
        response?.Dispose();
        return status == 200 ? (null, "v1.20.2 (iptables)")
            : (status == null ? $"no answer: {body}" : $"/healthz answered {status}: {body}", null);
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct) =>
        Task.FromResult<(string, IReadOnlyList<string>)>((Executable,
        [
            $"--kubeconfig={Paths.Kubeconfig}",
            $"--hostname-override={KubeletPart.NodeName}",
            "--proxy-mode=iptables", $"--cluster-cidr={NodeNetwork.PodCidr}", "--masquerade-all=true",
            "--bind-address=127.0.0.1",
            $"--healthz-bind-address=127.0.0.1:{ports.KubeProxyHealthz}",
            $"--metrics-bind-address=127.0.0.1:{ports.KubeProxyMetrics}",
            $"--nodeport-addresses={NodeNetwork.Gateway}/32",
            "--conntrack-max-per-core=0", "--conntrack-tcp-timeout-established=0",
            "--conntrack-tcp-timeout-close-wait=0",
            "--oom-score-adj=0", "--iptables-min-sync-period=0s",
        ]));
}
