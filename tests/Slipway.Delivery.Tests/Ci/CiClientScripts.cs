using Slipway.Engine;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>Runs the scripts of tests/ci/ (which install and call the pinned real CI clients) and captures their output.</summary>
public static class CiClientScripts
{
    public static string Directory => Path.Combine(RepositoryRoot.Path, "tests", "ci");

    public static ProcessResult Run(string script, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null) =>
        ProcessRunner.Run(Path.Combine(Directory, script), arguments.ToList(), new ProcessOptions
        {
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = true,
            Timeout = timeout,
        });

    /// <summary>Standard output and error together, for assertion messages.</summary>
    public static string AllOutput(this ProcessResult result) => string.Join('\n', result.Output.Select(l => l.Text));
}
