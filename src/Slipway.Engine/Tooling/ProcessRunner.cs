using System.Diagnostics;

namespace Slipway.Engine;

/// <summary>Runs tools with argument lists: masked streaming output, environment, timeout, cancellation (SIGTERM, grace, kill).</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string tool, IEnumerable<string> arguments, ProcessOptions? options = null) =>
        RunAsync(tool, arguments, options, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<ProcessResult> RunAsync(string tool, IEnumerable<string> arguments, ProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProcessOptions();
        var output = BuildOutput.Current;
        var args = arguments.ToList();
        var masker = LocalMasker(output.Masker, options.Secrets);
        var commandLine = masker(Display(tool, args));
        var executable = ToolResolver.Find(tool, PathOf(options))
            ?? throw new ProcessException($"'{tool}' was not found on PATH. Install it, or put it on PATH, then run again. (command: {commandLine})");

        output.Write(options.LogInvocation ? LogLevel.Information : LogLevel.Debug, "> " + commandLine);
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in args) startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in options.Environment)
            if (value == null) startInfo.Environment.Remove(name);
            else startInfo.Environment[name] = value;

        var lines = new List<OutputLine>();
        void Capture(bool isError, string? text)
        {
            if (text == null) return;
            var masked = masker(text);
            lock (lines) lines.Add(new OutputLine(isError, masked));
            if (options.LogOutput) output.Write(LogLevel.Information, masked);
            else if (options.ShowLine?.Invoke(masked) == true) output.Write(LogLevel.Information, masked);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Capture(false, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(true, e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ProcessException($"Could not start {commandLine}: {masker(e.Message)}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (options.StandardInput != null) await process.StandardInput.WriteAsync(options.StandardInput);
        process.StandardInput.Close();

        using var timeout = options.Timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process, options.GracePeriod);
            var partial = new ProcessResult(commandLine, -1, Snapshot(lines), stopwatch.Elapsed);
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw new ProcessException($"{commandLine} timed out after {Durations.Format(options.Timeout!.Value)} and was stopped.", partial);
            throw new OperationCanceledException($"{commandLine} was cancelled and stopped.", cancellationToken);
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        var result = new ProcessResult(commandLine, process.ExitCode, Snapshot(lines), stopwatch.Elapsed);
        if (result.ExitCode != 0 && !options.AllowFailure)
            throw new ProcessException($"{commandLine} exited with code {result.ExitCode}.{Tail(result, options)}", result);
        return result;
    }

    /// <summary>SIGTERM, then the grace period, then SIGKILL for the whole process tree.</summary>
    private static async Task StopAsync(Process process, TimeSpan gracePeriod)
    {
        if (process.HasExited) return;
        if (PosixSignals.Terminate(process.Id))
        {
            using var grace = new CancellationTokenSource(gracePeriod);
            try { await process.WaitForExitAsync(grace.Token); return; }
            catch (OperationCanceledException) { }
        }
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await process.WaitForExitAsync();
    }

    private static IReadOnlyList<OutputLine> Snapshot(List<OutputLine> lines)
    {
        lock (lines) return lines.ToList();
    }

    /// <summary>When output was not streamed, the failure message carries its last lines.</summary>
    private static string Tail(ProcessResult result, ProcessOptions options) =>
        options.LogOutput || result.Output.Count == 0 ? ""
            : "\n" + string.Join('\n', result.Output.TakeLast(20).Select(l => "  " + l.Text));

    private static string? PathOf(ProcessOptions options) =>
        options.Environment.TryGetValue("PATH", out var path) ? path : null;

    private static Func<string, string> LocalMasker(SecretMasker buildMasker, IReadOnlyList<string> extra)
    {
        if (extra.Count == 0) return buildMasker.Apply;
        var local = new SecretMasker();
        foreach (var secret in extra) local.Add(secret);
        return text => local.Apply(buildMasker.Apply(text));
    }

    /// <summary>The command as a reader would type it (for logs only; it is never executed as a string).</summary>
    public static string Display(string tool, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { tool }.Concat(arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,@%+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
