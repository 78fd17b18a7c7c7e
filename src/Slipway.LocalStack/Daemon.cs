using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>A server process the stack starts detached and tracks by pid file, so a later run can find and stop exactly it.</summary>
public sealed class Daemon(string part, StackPaths paths, string executableMarker)
{
    public string Part { get; } = part;
    public AbsolutePath PidFile => paths.PidOf(Part);
    public AbsolutePath LogFile => paths.LogOf(Part);

    /// <summary>The pid when the process of our pid file still runs (and is still the program we started).</summary>
    public int? RunningPid()
    {
        if (!PidFile.FileExists || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid)) return null;
        if (!PosixSignals.IsAlive(pid)) return null;
        // an empty command line is a process between fork and exec (just spawned): still ours
        var commandLine = PosixSignals.CommandLine(pid);
        return commandLine.Length == 0 || commandLine.Contains(executableMarker, StringComparison.Ordinal) ? pid : null;
    }

    public async Task StartAsync(string executable, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        await ProcessRunner.RunAsync(paths.Scripts / "spawn.sh", [LogFile, PidFile, executable, .. arguments],
            new ProcessOptions { LogOutput = false, LogInvocation = false }, ct);
        Log.Debug($"{Part}: started pid {File.ReadAllText(PidFile).Trim()}, log {LogFile.RelativeTo(paths.RepositoryRoot)}");
    }

    /// <summary>SIGTERM, up to <paramref name="grace"/> to exit, then SIGKILL. Returns whether a process was stopped.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        var pid = RunningPid();
        if (pid == null)
        {
            if (PidFile.FileExists) File.Delete(PidFile);
            return false;
        }
        PosixSignals.Terminate(pid.Value);
        var deadline = DateTime.UtcNow + grace;
        while (PosixSignals.IsAlive(pid.Value) && DateTime.UtcNow < deadline) await Task.Delay(100);
        if (PosixSignals.IsAlive(pid.Value))
        {
            Log.Warning($"{Part} (pid {pid}) did not stop within {grace.TotalSeconds:0} s of SIGTERM: killing it.");
            PosixSignals.Kill(pid.Value);
            await Task.Delay(200);
        }
        File.Delete(PidFile);
        return true;
    }

    /// <summary>The log's last lines, for error messages.</summary>
    public string LogTail(int lines = 12) =>
        LogFile.FileExists ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines).Select(l => "    " + l)) : "    (no log written)";
}
