namespace Slipway.LocalStack.Parts;

/// <summary>kube-scheduler v1.20: binds pods to the node.</summary>
public sealed class SchedulerPart(StackPaths paths, StackPorts ports) : StackPart("kube-scheduler", paths, "kube-scheduler")
{
    public override string Endpoint => $"https://127.0.0.1:{ports.Scheduler}";
    protected override IEnumerable<int> Ports => [ports.Scheduler];

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var (status, body, response) = await LoopbackHttp.GetAsync(Endpoint + "/healthz", ct);
        response?.Dispose();
        return status == 200 ? (null, "v1.20.2") : (status == null ? $"no answer: {body}" : $"/healthz answered {status}", null);
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct) =>
        Task.FromResult<(string, IReadOnlyList<string>)>((Paths.KubernetesBinaries / "kube-scheduler",
        [
            $"--kubeconfig={Paths.Kubeconfig}",
            "--bind-address=127.0.0.1", $"--secure-port={ports.Scheduler}", "--port=0",
            $"--cert-dir={Paths.State / "kube" / "scheduler-certs"}",
            "--leader-elect=false",
        ]));
}
