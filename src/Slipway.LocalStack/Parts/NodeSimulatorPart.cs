using Slipway.Engine;

namespace Slipway.LocalStack.Parts;

/// <summary>
/// The NODE SIMULATOR (src/Slipway.NodeSimulator): plays the kubelet that cannot run here, marking pods Ready when
/// their images exist in the registry and ErrImagePull when they do not. Replaceable by a real kubelet later.
/// </summary>
public sealed class NodeSimulatorPart(StackPaths paths) : StackPart("node-simulator", paths, "Slipway.NodeSimulator")
{
    private AbsolutePath Directory => Paths.State / "node-simulator";
    private AbsolutePath Heartbeat => Directory / "heartbeat";
    public override string Endpoint => "(watches the API server)";
    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(30);
    private AbsolutePath PublishedAssembly => Directory / "bin" / "Slipway.NodeSimulator.dll";

    /// <summary>The simulator's own sources and the clients it uses.</summary>
    protected override bool IsStale
    {
        get
        {
            if (!PublishedAssembly.FileExists) return true;
            var published = File.GetLastWriteTimeUtc(PublishedAssembly);
            var sources = new[]
            {
                Paths.RepositoryRoot / "src" / "Slipway.NodeSimulator",
                Paths.RepositoryRoot / "src" / "Slipway.LocalStack" / "Node",
                Paths.RepositoryRoot / "src" / "Slipway.Delivery" / "Kubernetes",
                Paths.RepositoryRoot / "src" / "Slipway.Delivery" / "Registry",
            };
            return sources.Where(d => d.DirectoryExists)
                .SelectMany(d => System.IO.Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
                .Any(f => !f.Contains("/obj/") && !f.Contains("/bin/") && File.GetLastWriteTimeUtc(f) > published);
        }
    }

    public override Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        if (Daemon.RunningPid() == null) return Task.FromResult<(string?, string?)>(("not running", null));
        if (!Heartbeat.FileExists) return Task.FromResult<(string?, string?)>(("no heartbeat yet", null));
        var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(Heartbeat);
        return Task.FromResult<(string?, string?)>(age < TimeSpan.FromSeconds(15)
            ? (null, "simulated kubelet")
            : ($"last heartbeat {age.TotalSeconds:0} s ago (see {Daemon.LogFile})", null));
    }

    protected override async Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        if (Heartbeat.FileExists) File.Delete(Heartbeat);
        if (IsStale)
            await ProcessRunner.RunAsync("dotnet",
            ["publish", Paths.RepositoryRoot / "src" / "Slipway.NodeSimulator", "--configuration", "Release", "--output", Directory / "bin", "--nologo", "-v", "quiet"],
            new ProcessOptions { LogOutput = false, LogInvocation = false, WorkingDirectory = Paths.RepositoryRoot }, ct);
        return ("dotnet", [Directory / "bin" / "Slipway.NodeSimulator.dll", "--kubeconfig", Paths.Kubeconfig, "--heartbeat", Heartbeat]);
    }
}
