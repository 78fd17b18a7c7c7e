using Spectre.Console;

namespace Slipway.Engine;

/// <summary>All console output of a run: masked, prefixed per target when targets run in parallel, CI-aware.</summary>
public sealed class BuildOutput
{
    private static readonly AsyncLocal<BuildOutput?> CurrentOutput = new();
    private static readonly AsyncLocal<string?> CurrentTarget = new();
    private static readonly Lazy<BuildOutput> Fallback = new(() => new BuildOutput(System.Console.Out, new SecretMasker(), Verbosity.Normal, CiHost.Terminal));

    private readonly object _gate = new();

    public BuildOutput(TextWriter writer, SecretMasker masker, Verbosity verbosity, CiHost host, bool interactiveTerminal = false)
    {
        Masker = masker;
        Verbosity = verbosity;
        Host = host;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactiveTerminal || host is CiHost.GitLab or CiHost.GitHubActions ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = interactiveTerminal || host is CiHost.GitLab or CiHost.GitHubActions ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = interactiveTerminal && host == CiHost.Terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactiveTerminal) Console.Profile.Width = 120;
    }

    /// <summary>The output of the run this code belongs to (flows into the tasks a target starts).</summary>
    public static BuildOutput Current => CurrentOutput.Value ?? Fallback.Value;

    internal static IDisposable Use(BuildOutput output)
    {
        var previous = CurrentOutput.Value;
        CurrentOutput.Value = output;
        return new Restore(() => CurrentOutput.Value = previous);
    }

    public IAnsiConsole Console { get; }
    public SecretMasker Masker { get; }
    public Verbosity Verbosity { get; }
    public CiHost Host { get; }
    /// <summary>When set, each line names its target: several targets are writing at once.</summary>
    public bool PrefixLines { get; internal set; }

    public void Write(LogLevel level, string message)
    {
        if (level == LogLevel.Debug && Verbosity < Verbosity.Verbose) return;
        if (level is LogLevel.Information or LogLevel.Success && Verbosity == Verbosity.Quiet) return;
        var prefix = PrefixLines && CurrentTarget.Value is { } target ? $"[{target}] " : "";
        var style = level switch
        {
            LogLevel.Debug => new Style(Color.Grey),
            LogLevel.Warning => new Style(Color.Yellow),
            LogLevel.Error => new Style(Color.Red),
            LogLevel.Success => new Style(Color.Green),
            _ => Style.Plain,
        };
        var marker = level switch { LogLevel.Warning => "WARN ", LogLevel.Error => "ERROR ", _ => "" };
        var masked = Masker.Apply(message);
        var continuation = new string(' ', marker.Length);
        lock (_gate)
        {
            var first = true;
            foreach (var line in masked.Split('\n'))
            {
                Console.Write(new Text(prefix + (first ? marker : continuation) + line.TrimEnd('\r') + "\n", style));
                first = false;
            }
        }
    }

    /// <summary>Writes a Spectre renderable (table, rule) as one block, masked only through the values put in it.</summary>
    public void Render(Spectre.Console.Rendering.IRenderable renderable)
    {
        lock (_gate) Console.Write(renderable);
    }

    /// <summary>Writes text exactly as given (masked), for CI control sequences.</summary>
    public void Raw(string text)
    {
        lock (_gate) Console.Profile.Out.Writer.Write(Masker.Apply(text));
    }

    internal static IDisposable InTarget(string name)
    {
        var previous = CurrentTarget.Value;
        CurrentTarget.Value = name;
        return new Restore(() => CurrentTarget.Value = previous);
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
