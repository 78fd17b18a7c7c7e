namespace Slipway.LocalStack.Parts;

/// <summary>kube-controller-manager v1.20: ReplicaSets, pods, Jobs, service-account tokens, namespace deletion.</summary>
public sealed class ControllerManagerPart(StackPaths paths, StackPorts ports) : StackPart("kube-controller-manager", paths, "kube-controller-manager")
{
    public override string Endpoint => $"https://127.0.0.1:{ports.ControllerManager}";
    protected override IEnumerable<int> Ports => [ports.ControllerManager];

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var (status, body, response) = await LoopbackHttp.GetAsync(Endpoint + "/healthz", ct);
        response?.Dispose();
        return status == 200 ? (null, "v1.20.2") : (status == null ? $"no answer: {body}" : $"/healthz answered {status}", null);
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        var pki = Paths.Pki;
        return Task.FromResult<(string, IReadOnlyList<string>)>((Paths.KubernetesBinaries / "kube-controller-manager",
        [
            $"--kubeconfig={Paths.Kubeconfig}",
            "--bind-address=127.0.0.1", $"--secure-port={ports.ControllerManager}", "--port=0",
            $"--cert-dir={Paths.State / "kube" / "controller-manager-certs"}",
            "--leader-elect=false",
            $"--service-account-private-key-file={pki / "sa.key"}",
            $"--root-ca-file={pki / "ca.crt"}",
            $"--cluster-signing-cert-file={pki / "ca.crt"}", $"--cluster-signing-key-file={pki / "ca.key"}",
            "--use-service-account-credentials=true",
        ]));
    }
}
