using Slipway.Delivery.Kubernetes;
using Slipway.LocalStack.Node;

namespace Slipway.LocalStack.Parts;

/// <summary>kube-apiserver v1.20 built from Debian's source: token auth, RBAC, a self-made CA, loopback only.</summary>
public sealed class ApiServerPart(StackPaths paths, StackPorts ports) : StackPart("kube-apiserver", paths, "kube-apiserver")
{
    public override string Endpoint => $"https://127.0.0.1:{ports.ApiServer}";
    protected override IEnumerable<int> Ports => [ports.ApiServer];

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var (status, body, response) = await LoopbackHttp.GetAsync(Endpoint + "/readyz", ct);
        response?.Dispose();
        if (status != 200) return (status == null ? $"no answer: {body}" : $"/readyz answered {status}", null);
        var (_, version, versionResponse) = await LoopbackHttp.GetAsync(Endpoint + "/version", ct);
        versionResponse?.Dispose();
        return (null, System.Text.Json.Nodes.JsonNode.Parse(version)?["gitVersion"]?.GetValue<string>());
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        var pki = Paths.Pki;
        return Task.FromResult<(string, IReadOnlyList<string>)>((Paths.KubernetesBinaries / "kube-apiserver",
        [
            $"--etcd-servers=http://127.0.0.1:{ports.EtcdClient}",
            "--bind-address=127.0.0.1", $"--secure-port={ports.ApiServer}", "--insecure-port=0",
            "--advertise-address=127.0.0.1",
            $"--tls-cert-file={pki / "apiserver.crt"}", $"--tls-private-key-file={pki / "apiserver.key"}",
            $"--client-ca-file={pki / "ca.crt"}",
            $"--token-auth-file={pki / "token.csv"}",
            "--authorization-mode=RBAC",
            "--service-account-issuer=https://kubernetes.default.svc",
            $"--service-account-key-file={pki / "sa.pub"}",
            $"--service-account-signing-key-file={pki / "sa.key"}",
            $"--service-cluster-ip-range={NodeNetwork.ServiceCidr}",
            "--endpoint-reconciler-type=none",
            "--allow-privileged=true",
            $"--kubelet-client-certificate={pki / "kubelet-client.crt"}",
            $"--kubelet-client-key={pki / "kubelet-client.key"}",
            "--kubelet-preferred-address-types=InternalIP",
            "--profiling=false",
        ]));
    }

    /// <summary>Writes the admin kubeconfig (CA embedded, token, mode 0600) the other parts and tools use.</summary>
    public void WriteKubeconfig()
    {
        var token = File.ReadAllText(Paths.Pki / "token.csv").Split(',')[0].Trim();
        var ca = Convert.ToBase64String(File.ReadAllBytes(Paths.Pki / "ca.crt"));
        var content = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: slipway-local
              cluster:
                server: {Endpoint}
                certificate-authority-data: {ca}
            users:
            - name: slipway-admin
              user:
                token: {token}
            contexts:
            - name: slipway-local
              context:
                cluster: slipway-local
                user: slipway-admin
            current-context: slipway-local

            """;
        Paths.Kubeconfig.WritePrivateTextIfChanged(content);
    }

    public KubeConfig KubeConfig() => Slipway.Delivery.Kubernetes.KubeConfig.FromFiles([Paths.Kubeconfig]);
}
