using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Delivery.Tests.Locks;

/// <summary>A ./build.sh started in the background, its output read line by line as it comes.</summary>
internal sealed class RunningBuild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private RunningBuild(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public static RunningBuild Start(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "build.sh"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args.Append("--no-logo")) start.ArgumentList.Add(arg);
        start.Environment.Remove("GITLAB_CI");
        start.Environment.Remove("GITHUB_ACTIONS");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new RunningBuild(process);
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Waits until the output matches <paramref name="pattern"/>; returns the match.</summary>
    public async Task<Match> WaitForAsync(string pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Regex.Match(Output, pattern) is { Success: true } match) return match;
            if (_process.HasExited && _reading.IsCompleted) break;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the build never printed /{pattern}/; it printed:\n{Output}");
    }

    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        await _reading;
        return _process.ExitCode;
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
