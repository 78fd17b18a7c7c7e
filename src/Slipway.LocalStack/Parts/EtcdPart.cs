namespace Slipway.LocalStack.Parts;

/// <summary>etcd 3.4 (Debian) for the API server, on loopback ports away from the default 2379.</summary>
public sealed class EtcdPart(StackPaths paths, StackPorts ports) : StackPart("etcd", paths, "etcd")
{
    public override string Endpoint => $"http://127.0.0.1:{ports.EtcdClient}";
    protected override IEnumerable<int> Ports => [ports.EtcdClient, ports.EtcdPeer];

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var (status, body, response) = await LoopbackHttp.GetAsync(Endpoint + "/health", ct);
        response?.Dispose();
        if (status != 200 || !body.Contains("true")) return (status == null ? $"no answer: {body}" : $"/health answered {status} {body}", null);
        var (_, version, versionResponse) = await LoopbackHttp.GetAsync(Endpoint + "/version", ct);
        versionResponse?.Dispose();
        var server = System.Text.Json.Nodes.JsonNode.Parse(version)?["etcdserver"]?.GetValue<string>();
        return (null, server);
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        var peer = $"http://127.0.0.1:{ports.EtcdPeer}";
        return Task.FromResult<(string, IReadOnlyList<string>)>(("/usr/bin/etcd",
        [
            "--name", "slipway",
            "--data-dir", Paths.State / "etcd",
            "--listen-client-urls", Endpoint, "--advertise-client-urls", Endpoint,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", $"slipway={peer}", "--initial-cluster-state", "new",
            "--log-level", "warn", "--logger", "zap",
        ]));
    }
}
