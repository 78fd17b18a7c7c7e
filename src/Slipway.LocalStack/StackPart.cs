using System.Net;
using System.Net.Sockets;
using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>
/// One server of the local stack: started detached when it does not answer, waited for until it does,
/// and reported with its endpoint, version and health.
/// </summary>
public abstract class StackPart(string name, StackPaths paths, string executableMarker)
{
    public string Name { get; } = name;
    protected StackPaths Paths { get; } = paths;
    public Daemon Daemon { get; } = new(name, paths, executableMarker);
    public abstract string Endpoint { get; }
    /// <summary>Loopback ports the part listens on: they must be free before it starts.</summary>
    protected virtual IEnumerable<int> Ports => [];
    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(60);

    /// <summary>True when the running process was built from sources that changed since: it is restarted.</summary>
    protected virtual bool IsStale => false;

    public bool NeedsRestart => IsStale;

    /// <summary>Null when the part answers, else why not. Also reports its version when it can.</summary>
    public abstract Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct);

    protected abstract Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct);

    /// <summary>Starts the part unless it already answers; returns false when it was already running.</summary>
    public async Task<bool> EnsureStartedAsync(CancellationToken ct)
    {
        if (Daemon.RunningPid() != null && !IsStale && (await ProbeAsync(ct)).Problem == null) return false;
        if (Daemon.RunningPid() != null && IsStale)
        {
            Log.Information($"{Name}: its sources changed since it started: restarting it.");
            await Daemon.StopAsync(TimeSpan.FromSeconds(10));
        }
        if (Daemon.RunningPid() is { } stale)
        {
            Log.Warning($"{Name}: pid {stale} runs but does not answer: restarting it.");
            await Daemon.StopAsync(TimeSpan.FromSeconds(10));
        }
        foreach (var port in Ports)
            if (!IsFree(port))
                throw new StackException(
                    $"{Name}: port 127.0.0.1:{port} is already taken by another process (see: ss -ltnp 'sport = :{port}'). " +
                    "Stop that process, or give the stack another port range with --stack-port-base <port>.");
        var (executable, arguments) = await PrepareAsync(ct);
        await Daemon.StartAsync(executable, arguments, ct);

        var deadline = DateTime.UtcNow + StartTimeout;
        string? problem = "not started";
        while (DateTime.UtcNow < deadline)
        {
            if (Daemon.RunningPid() == null && await GoneAsync(ct))
                throw new StackException($"{Name} exited right after it started. Read {Daemon.LogFile} — its last lines:\n{Daemon.LogTail()}");
            (problem, _) = await ProbeAsync(ct);
            if (problem == null) return true;
            await Task.Delay(200, ct);
        }
        throw new StackException($"{Name} started but did not answer within {StartTimeout.TotalSeconds:0} s ({problem}). " +
                                 $"Read {Daemon.LogFile} — its last lines:\n{Daemon.LogTail()}");
    }

    /// <summary>Confirms a process looks gone twice, a moment apart (a process mid-exec can look gone once).</summary>
    private async Task<bool> GoneAsync(CancellationToken ct)
    {
        await Task.Delay(300, ct);
        return Daemon.RunningPid() == null;
    }

    public async Task<PartHealth> HealthAsync(CancellationToken ct)
    {
        var (problem, version) = await ProbeAsync(ct);
        var pid = Daemon.RunningPid();
        var detail = problem ?? (pid != null ? $"pid {pid}" : "answers (not started by this stack)");
        return new PartHealth(Name, Endpoint, problem == null, version, detail);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }
}
