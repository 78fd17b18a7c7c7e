using Slipway.Engine;

namespace Slipway.Delivery.Git;

/// <summary>
/// Runs the git command line with argument lists: never prompts, speaks English (its messages are parsed), and sends
/// credentials as an HTTP header through git's environment, masked in everything it prints.
/// </summary>
public sealed class GitClient(GitCredentials? credentials = null)
{
    /// <summary>How long one git command may run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>git</c> with <paramref name="arguments"/>; a non-zero exit throws unless <paramref name="allowFailure"/>.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? workingDirectory, CancellationToken cancellationToken,
        bool allowFailure = false, IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["LC_ALL"] = "C",
            ["LANGUAGE"] = "C",
        };
        // a remote that stops sending (under 1 KiB/s for 30 s) fails the command instead of holding it to Timeout
        AddConfig(variables, "http.lowSpeedLimit", "1024");
        AddConfig(variables, "http.lowSpeedTime", "30");
        if (credentials != null) AddConfig(variables, "http.extraHeader", credentials.HeaderValue);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) variables[name] = value;
        return ProcessRunner.RunAsync("git", arguments, new ProcessOptions
        {
            WorkingDirectory = workingDirectory,
            Environment = variables,
            Timeout = Timeout,
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = allowFailure,
            StandardInput = standardInput,
            Secrets = credentials?.Secrets ?? [],
        }, cancellationToken);
    }

    /// <summary>The commit <paramref name="tag"/> names in the repository at <paramref name="repository"/>; null when
    /// there is no such tag.</summary>
    public async Task<string?> TaggedCommitAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        var found = await RunAsync(["rev-parse", "--quiet", "--verify", $"refs/tags/{tag}^{{commit}}"], repository,
            cancellationToken, allowFailure: true);
        return found.ExitCode == 0 ? found.StandardOutput.Trim() : null;
    }

    /// <summary>A shallow, single-branch clone of <paramref name="branch"/> into <paramref name="directory"/>.</summary>
    public async Task<GitWorkingCopy> CloneAsync(GitRemote remote, string branch, string directory, CancellationToken cancellationToken, int depth = 1)
    {
        await RunAsync(["clone", "--quiet", "--no-tags", "--single-branch", "--depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--branch", branch, "--", remote.Url, directory], null, cancellationToken);
        return new GitWorkingCopy(this, directory);
    }

    /// <summary>
    /// Passes configuration through git's environment (git 2.31+), after any entries already set there, so a
    /// value (the credentials header) is in neither the command line nor a config file.
    /// </summary>
    private static void AddConfig(Dictionary<string, string?> variables, string key, string value)
    {
        var count = int.TryParse(variables.GetValueOrDefault("GIT_CONFIG_COUNT")
                                 ?? Environment.GetEnvironmentVariable("GIT_CONFIG_COUNT"), out var existing)
                    && existing > 0 ? existing : 0;
        variables[$"GIT_CONFIG_KEY_{count}"] = key;
        variables[$"GIT_CONFIG_VALUE_{count}"] = value;
        variables["GIT_CONFIG_COUNT"] = (count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
