using Slipway.Engine;

namespace Slipway.Delivery.Tests;

/// <summary>Runs this repository's real ./build.sh, as a user does.</summary>
internal static class BuildCommand
{
    public static Task<ProcessResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>With variables of the user's shell: set, or removed when null.</summary>
    public static async Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> variables, params string[] args) =>
        await ProcessRunner.RunAsync(Path.Combine(RepositoryRoot.Path, "build.sh"), [.. args, "--no-logo"], new ProcessOptions
        {
            WorkingDirectory = RepositoryRoot.Path,
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = true,
            Timeout = TimeSpan.FromMinutes(12),
            // the parent test run's CI markers would change the output format only
            Environment = new Dictionary<string, string?>(variables) { ["GITLAB_CI"] = null, ["GITHUB_ACTIONS"] = null },
        });
}
