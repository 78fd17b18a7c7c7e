namespace Slipway.Engine;

/// <summary>The world a run sees: output, environment, directories. The process's own by default; tests supply their own.</summary>
public sealed record BuildRunSettings
{
    public required TextWriter Output { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required string CurrentDirectory { get; init; }
    /// <summary>The repository root; found by walking up to a .nuke directory when null.</summary>
    public string? RootDirectory { get; init; }
    public bool InteractiveTerminal { get; init; }
    /// <summary>Where answers to questions are read from; null when nobody can answer (standard input is not a terminal).</summary>
    public TextReader? Input { get; init; }
    /// <summary>Keep .nuke/build.schema.json and build/Properties/launchSettings.json in step with the targets.</summary>
    public bool WriteIdeFiles { get; init; }
    /// <summary>Cancelled on Ctrl-C or SIGTERM.</summary>
    public CancellationToken Interrupt { get; init; }

    public static BuildRunSettings FromProcess() => new()
    {
        Output = Console.Out,
        Environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""),
        CurrentDirectory = Directory.GetCurrentDirectory(),
        InteractiveTerminal = !Console.IsOutputRedirected,
        Input = Console.IsInputRedirected ? null : Console.In,
        WriteIdeFiles = true,
    };
}
