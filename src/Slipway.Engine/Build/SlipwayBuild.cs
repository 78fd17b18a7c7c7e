using System.Runtime.InteropServices;

namespace Slipway.Engine;

/// <summary>Base class of a pipeline: derive, declare <see cref="Target"/> properties and [Parameter] members, call Execute from Main.</summary>
public abstract class SlipwayBuild : ISlipwayBuild
{
    public AbsolutePath RootDirectory { get; internal set; } = null!;
    public AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";
    public CiHost Host { get; internal set; }
    public bool IsLocalBuild => Host == CiHost.Terminal;
    public bool IsServerBuild => !IsLocalBuild;
    public ParameterStore Parameters { get; internal set; } = null!;
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; internal set; } = new Dictionary<string, string>();
    public Verbosity Verbosity { get; internal set; }
    /// <summary>The targets of this run in order, with their statuses as they progress.</summary>
    public ExecutionPlan? Plan { get; internal set; }
    public RunValues RunValues { get; } = new();
    internal TextReader? Input { get; set; }

    public string? Ask(string question)
    {
        if (Input == null || IsServerBuild) return null;
        BuildOutput.Current.Write(LogLevel.Warning, question);
        return Input.ReadLine();
    }

    /// <summary>Whether the user named this target (not merely a dependency of one).</summary>
    public bool IsInvoked(string target) => Plan?.Invoked.Any(t => t.Name.Equals(target, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>Runs the build with the process's command line; <paramref name="defaultTargets"/> run when none is named.</summary>
    public static int Execute<T>(params Func<T, Target>[] defaultTargets) where T : SlipwayBuild, new()
    {
        using var interrupt = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; interrupt.Cancel(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        var settings = BuildRunSettings.FromProcess() with { Interrupt = interrupt.Token };
        return Execute(Environment.GetCommandLineArgs()[1..], settings, defaultTargets);
    }

    /// <summary>Runs the build with explicit arguments and settings (tests, embedding).</summary>
    public static int Execute<T>(string[] args, BuildRunSettings settings, params Func<T, Target>[] defaultTargets) where T : SlipwayBuild, new() =>
        new BuildRunner<T>(settings, defaultTargets).Run(args);
}
