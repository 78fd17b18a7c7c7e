using Slipway.Delivery.Containers;
using Slipway.Delivery.Stack;

namespace Slipway.LocalStack.Parts;

/// <summary>Debian's dockerd on a unix socket in the stack dir: no bridge, no iptables changes, overlay2.</summary>
public sealed class DockerEnginePart(StackPaths paths) : StackPart("docker", paths, "dockerd")
{
    public const string Executable = "/usr/sbin/dockerd";

    public override string Endpoint => "unix://" + Paths.DockerSocket;

    public DockerEndpoint Engine => StackEnvironment.EngineAt(Endpoint);

    /// <summary>
    /// dockerd's arguments apart from its listeners (-H): its own state folders, and nothing that changes the host's
    /// network (no bridge, no iptables rules).
    /// </summary>
    public static IReadOnlyList<string> IsolatedArguments(string dataRoot, string execRoot, string pidFile) =>
    [
        "--data-root", dataRoot,
        "--exec-root", execRoot,
        "--pidfile", pidFile,
        "--iptables=false", "--ip6tables=false", "--bridge=none",
        // dockerd would set net.ipv4.ip_forward=1 and never put it back; the node sets it, and StackDown restores it
        "--ip-forward=false",
        "--storage-driver", "overlay2",
    ];

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        if (!File.Exists(Paths.DockerSocket)) return ("no socket yet", null);
        using var engine = DockerEngine.Connect(Engine);
        var problem = await engine.PingAsync(ct);
        if (problem != null) return (problem, null);
        var version = await engine.VersionAsync(ct);
        return (null, $"{version.Version} (API {version.ApiVersion})");
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        var root = (Paths.State / "docker").CreateDirectory();
        Directory.CreateDirectory(Paths.DockerExecRoot);
        if (File.Exists(Paths.DockerSocket)) File.Delete(Paths.DockerSocket);
        var isolated = IsolatedArguments(root / "data", Paths.DockerExecRoot, root / "dockerd.pid");
        // pods ask for a negative oom_score_adj, which this host may refuse: see scripts/runc-oom-clamp.sh
        string[] runtime = ["--add-runtime", $"slipway-runc={Paths.Scripts / "runc-oom-clamp.sh"}",
            "--default-runtime", "slipway-runc"];
        return Task.FromResult<(string, IReadOnlyList<string>)>((Executable, ["-H", Endpoint, .. isolated, .. runtime]));
    }
}
