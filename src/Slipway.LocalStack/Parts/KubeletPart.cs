using Slipway.LocalStack.Node;

namespace Slipway.LocalStack.Parts;

/// <summary>
/// The node: kubelet v1.20 driving the stack's dockerd through its built-in dockershim, pods on the CNI bridge
/// (<see cref="NodeNetwork"/>), the cluster DNS at the bridge's gateway. Its state lives under the stack, not
/// in /var/lib, and it leaves the host's iptables and cgroup hierarchy to docker and kube-proxy.
/// </summary>
public sealed class KubeletPart(StackPaths paths, StackPorts ports, Func<string> pauseImage)
    : StackPart("kubelet", paths, "kubelet")
{
    public const string NodeName = "slipway-node";
    public override string Endpoint => $"https://{NodeNetwork.Gateway}:{ports.Kubelet}";
    protected override IEnumerable<int> Ports => [ports.Kubelet, ports.KubeletHealthz];
    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(90);

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var (status, body, response) = await LoopbackHttp.GetAsync($"http://127.0.0.1:{ports.KubeletHealthz}/healthz", ct);
        response?.Dispose();
        return status == 200 ? (null, "v1.20.2 (dockershim)")
            : (status == null ? $"no answer: {body}" : $"/healthz answered {status}: {body}", null);
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        var network = new NodeNetwork(Paths);
        var root = Paths.NodeRoot.CreateDirectory();
        return Task.FromResult<(string, IReadOnlyList<string>)>((Paths.KubernetesBinaries / "kubelet",
        [
            $"--kubeconfig={Paths.Kubeconfig}",
            // a node's address cannot be loopback: the host's address on the pod bridge serves (the API server
            // reads logs there, with its client certificate; anonymous requests are refused)
            $"--hostname-override={NodeName}", $"--node-ip={NodeNetwork.Gateway}",
            $"--address={NodeNetwork.Gateway}", $"--port={ports.Kubelet}", "--read-only-port=0",
            "--healthz-bind-address=127.0.0.1", $"--healthz-port={ports.KubeletHealthz}",
            "--anonymous-auth=false", $"--client-ca-file={Paths.Pki / "ca.crt"}", "--authorization-mode=AlwaysAllow",
            $"--root-dir={root / "kubelet"}", $"--cert-dir={root / "kubelet" / "pki"}",
            $"--volume-plugin-dir={root / "kubelet" / "volume-plugins"}",
            $"--experimental-dockershim-root-directory={root / "dockershim"}",
            "--container-runtime=docker", $"--docker-endpoint=unix://{Paths.DockerSocket}",
            $"--pod-infra-container-image={pauseImage()}",
            "--network-plugin=cni", $"--cni-bin-dir={NodeNetwork.CniBinaries}",
            $"--cni-conf-dir={network.ConfigDirectory}", $"--cni-cache-dir={network.CacheDirectory}",
            $"--cluster-dns={NodeNetwork.Gateway}", "--cluster-domain=cluster.local",
            // cgroups and iptables stay docker's and kube-proxy's: nothing of the kubelet's own to clean up
            "--cgroup-driver=cgroupfs", "--cgroups-per-qos=false", "--enforce-node-allocatable=",
            "--make-iptables-util-chains=false",
            "--fail-swap-on=false", "--oom-score-adj=0", "--kernel-memcg-notification=false",
            "--eviction-hard=memory.available<100Mi,nodefs.available<2%,imagefs.available<2%",
            "--image-gc-high-threshold=95", "--image-gc-low-threshold=90",
            "--serialize-image-pulls=false",
            "--v=1",
        ]));
    }
}
