using Slipway.Delivery.Containers;

namespace Slipway.Delivery.Stack.Parts;

/// <summary>Debian's dockerd on a unix socket in the stack dir: no bridge, no iptables changes, overlay2.</summary>
public sealed class DockerEnginePart(StackPaths paths) : StackPart("docker", paths, "dockerd")
{
    public override string Endpoint => "unix://" + Paths.DockerSocket;

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        if (!File.Exists(Paths.DockerSocket)) return ("no socket yet", null);
        using var client = new DockerEngineClient(Endpoint);
        var problem = await client.PingAsync(ct);
        if (problem != null) return (problem, null);
        var version = await client.VersionAsync(ct);
        return (null, $"{version["Version"]} (API {version["ApiVersion"]})");
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        var root = (Paths.State / "docker").CreateDirectory();
        Directory.CreateDirectory(Paths.DockerExecRoot);
        if (File.Exists(Paths.DockerSocket)) File.Delete(Paths.DockerSocket);
        return Task.FromResult<(string, IReadOnlyList<string>)>(("/usr/sbin/dockerd",
        [
            "-H", Endpoint,
            "--data-root", root / "data",
            "--exec-root", Paths.DockerExecRoot,
            "--pidfile", root / "dockerd.pid",
            "--iptables=false", "--ip6tables=false", "--bridge=none",
            "--storage-driver", "overlay2",
        ]));
    }
}
