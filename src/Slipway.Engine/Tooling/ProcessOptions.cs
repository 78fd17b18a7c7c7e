namespace Slipway.Engine;

/// <summary>How to run one process. Arguments are passed as a list, never through a shell.</summary>
public sealed record ProcessOptions
{
    public string? WorkingDirectory { get; init; }
    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public TimeSpan? Timeout { get; init; }
    /// <summary>After SIGTERM, how long the process may take to exit before it is killed.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Stream each output line to the log (masked); otherwise output is only captured.</summary>
    public bool LogOutput { get; init; } = true;
    /// <summary>Without <see cref="LogOutput"/>: the (masked) output lines to log anyway, e.g. a script's progress.</summary>
    public Func<string, bool>? ShowLine { get; init; }
    /// <summary>Log the command line (masked) before running, at normal verbosity instead of debug.</summary>
    public bool LogInvocation { get; init; } = true;
    /// <summary>Return a non-zero exit code instead of throwing <see cref="ProcessException"/>.</summary>
    public bool AllowFailure { get; init; }
    /// <summary>Written to the process's standard input, which is then closed.</summary>
    public string? StandardInput { get; init; }
    /// <summary>Extra values masked in this process's output and command line (beyond the build's secrets).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];
}
