using Slipway.Engine;
using Slipway.LocalStack.Node;

namespace Slipway.LocalStack.Parts;

/// <summary>
/// The cluster DNS: Debian's dnsmasq on the pods' gateway address, answering <c>*.svc.cluster.local</c> from the
/// records <see cref="DnsRecordsPart"/> writes, and forwarding other names to the host's resolvers.
/// </summary>
public sealed class ClusterDnsPart(StackPaths paths) : StackPart("cluster-dns", paths, "dnsmasq")
{
    public const string Domain = "cluster.local";
    public AbsolutePath RecordsDirectory => Paths.State / "dns" / "hosts";
    public override string Endpoint => $"{NodeNetwork.Gateway}:53";

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var answer = await DnsQuery.ResolveAsync(NodeNetwork.Gateway, $"kubernetes.default.svc.{Domain}", ct);
        return answer != null ? (null, "dnsmasq") : ("kubernetes.default.svc has no address yet", null);
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        RecordsDirectory.CreateDirectory();
        return Task.FromResult<(string, IReadOnlyList<string>)>(("/usr/sbin/dnsmasq",
        [
            "--keep-in-foreground", "--log-facility=-", "--conf-file=/dev/null", "--pid-file=",
            "--user=root", "--group=root",
            $"--listen-address={NodeNetwork.Gateway}", "--bind-interfaces", "--port=53",
            "--no-hosts", $"--hostsdir={RecordsDirectory}", $"--local=/{Domain}/", "--domain-needed",
            "--resolv-file=/etc/resolv.conf", "--cache-size=0",
        ]));
    }
}
