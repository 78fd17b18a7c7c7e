using System.Diagnostics;
using System.Text;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>
/// Runs the repository's real <c>./build.sh</c> as an operating-system process, as a user or a CI job would, without
/// the variables that would set its parameters or CI behaviour behind the test's back.
/// </summary>
internal static class BuildScript
{
    private static readonly string[] Prefixes = ["SLIPWAY_", "DEPLOY_", "CI", "GITLAB_", "GITHUB_"];
    private static readonly string[] Names = ["ENV", "TAG", "KEY", "VALUES_FILE", "SKIP_CI", "COMPONENT", "PREVIEW_BRANCH"];

    public static async Task<ScriptRun> RunAsync(params string[] arguments) => await RunAsync(CancellationToken.None, arguments);

    public static async Task<ScriptRun> RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        await RunAsync(new Dictionary<string, string>(), cancellationToken, arguments);

    /// <summary>Runs with <paramref name="environment"/> added to the (cleaned) environment of the tests.</summary>
    public static async Task<ScriptRun> RunAsync(IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken, params string[] arguments)
    {
        using var process = Start(arguments, environment);
        var output = new StringBuilder();
        void Capture(string? line)
        {
            if (line == null) return;
            lock (output) output.Append(line).Append('\n');
        }
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // flushes the redirected streams
        lock (output) return new ScriptRun(process.ExitCode, output.ToString());
    }

    private static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "build.sh"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.ToList())
            if (Names.Contains(name.ToUpperInvariant()) || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }
}
