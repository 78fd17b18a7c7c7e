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
        if (credentials != null) AddHeaderConfig(variables, credentials.HeaderValue);
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

    /// <summary>A shallow, single-branch clone of <paramref name="branch"/> into <paramref name="directory"/>.</summary>
    public async Task<GitWorkingCopy> CloneAsync(GitRemote remote, string branch, string directory, CancellationToken cancellationToken, int depth = 1)
    {
        await RunAsync(["clone", "--quiet", "--no-tags", "--single-branch", "--depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--branch", branch, "--", remote.Url, directory], null, cancellationToken);
        return new GitWorkingCopy(this, directory);
    }

    /// <summary>
    /// Passes <c>http.extraHeader</c> as environment configuration (git 2.31+), after any such entries already set,
    /// so the header is in neither the command line nor a config file.
    /// </summary>
    private static void AddHeaderConfig(Dictionary<string, string?> variables, string header)
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("GIT_CONFIG_COUNT"), out var existing) && existing > 0 ? existing : 0;
        variables[$"GIT_CONFIG_KEY_{count}"] = "http.extraHeader";
        variables[$"GIT_CONFIG_VALUE_{count}"] = header;
        variables["GIT_CONFIG_COUNT"] = (count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
