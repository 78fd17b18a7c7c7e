using Slipway.Engine;

namespace Slipway.LocalStack.Parts;

/// <summary>Keeps the cluster DNS's records equal to the API server's Services (<c>scripts/dns-records.sh</c>).</summary>
public sealed class DnsRecordsPart(StackPaths paths, ClusterDnsPart dns) : StackPart("dns-records", paths, "dns-records.sh")
{
    public override string Endpoint => "(watches the API server's Services)";

    public override Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct) =>
        Task.FromResult<(string?, string?)>(Daemon.RunningPid() == null ? ("not running", null)
            : (dns.RecordsDirectory / "services").FileExists ? (null, "kubectl watch")
            : ("no records written yet", null));

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct) =>
        Task.FromResult<(string, IReadOnlyList<string>)>((Paths.Scripts / "dns-records.sh",
            [Paths.Kubeconfig, dns.RecordsDirectory, ClusterDnsPart.Domain]));
}
