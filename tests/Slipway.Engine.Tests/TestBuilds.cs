using Slipway.Engine;

namespace Slipway.Engine.Tests;

#pragma warning disable CS0649 // parameters are injected by reflection

/// <summary>A diamond with ordering and trigger relations: Restore → (Compile, Lint) → Pack; Pack triggers Publish.</summary>
public sealed class GraphBuild : SlipwayBuild
{
    public Target Restore => _ => _.Executes(() => Log.Information("RAN Restore"));
    public Target Lint => _ => _.DependsOn(Restore).Executes(() => Log.Information("RAN Lint"));
    public Target Compile => _ => _.DependsOn(Restore).After(Lint).Executes(() => Log.Information("RAN Compile"));
    public Target Pack => _ => _.Description("Pack it").DependsOn(Compile, Lint).Triggers(Publish).Executes(() => Log.Information("RAN Pack"));
    public Target Publish => _ => _.Executes(() => Log.Information("RAN Publish"));
    public Target Announce => _ => _.TriggeredBy(Publish).Executes(() => Log.Information("RAN Announce"));
    public Target Docs => _ => _.Before(Restore).Executes(() => Log.Information("RAN Docs"));
    public Target Hidden => _ => _.Unlisted().Executes(() => Log.Information("RAN Hidden"));
    public Target Prepare => _ => _.DependentFor(Compile).Executes(() => Log.Information("RAN Prepare"));
}

/// <summary>A listed target behind an unlisted wiring target: Deploy → (unlisted) Wiring → Setup.</summary>
public sealed class WiringBuild : SlipwayBuild
{
    public Target Setup => _ => _.Executes(() => { });
    public Target Wiring => _ => _.Unlisted().DependsOn(Setup).Executes(() => { });
    public Target Deploy => _ => _.Description("Deploy it").DependsOn(Wiring).Executes(() => { });
}

public sealed class CyclicBuild : SlipwayBuild
{
    public Target A => _ => _.DependsOn(B).Executes(() => { });
    public Target B => _ => _.DependsOn(C).Executes(() => { });
    public Target C => _ => _.After(A).Executes(() => { });
}

public enum Stage { Dev, Recette, Prod }

public sealed class ParameterBuild : SlipwayBuild
{
    [Parameter("Environment")] readonly string Env = "local";
    [Parameter] readonly bool DryRun;
    [Parameter] readonly int Replicas = 1;
    [Parameter] readonly Stage Stage = Stage.Dev;
    [Parameter] readonly string[] Components = [];
    [Parameter] readonly AbsolutePath? Output;
    [Parameter] string? ApiToken { get; }
    [Parameter(Variables = ParameterVariables.PrefixedOnly)] readonly string? Tag;
    [Parameter(Variables = ParameterVariables.None)] readonly string? Relocate;

    public Target Show => _ => _.Executes(() =>
    {
        Log.Information($"ENV {Env}");
        Log.Information($"DRYRUN {DryRun}");
        Log.Information($"REPLICAS {Replicas}");
        Log.Information($"STAGE {Stage}");
        Log.Information($"COMPONENTS {string.Join('|', Components)}");
        Log.Information($"OUTPUT {Output}");
        Log.Information($"TOKEN-SET {ApiToken != null}");
        Log.Information($"TAG {Tag}");
        Log.Information($"RELOCATE {Relocate}");
    });
    public Target Deploy => _ => _.Requires(() => ApiToken).Executes(() => Log.Information("RAN Deploy"));
    public Target NeedsTool => _ => _.RequiresTool("slipway-no-such-tool").Executes(() => { });
}

public sealed class SecretBuild : SlipwayBuild
{
    [Parameter, Secret] readonly string? Password;

    public Target Leak => _ => _.Executes(async ct =>
    {
        Log.Information($"log line with {Password} inside");
        await ProcessRunner.RunAsync("sh", ["-c", "echo child says $PASSWORD_FOR_CHILD; echo on stderr $PASSWORD_FOR_CHILD >&2"],
            new ProcessOptions { Environment = new Dictionary<string, string?> { ["PASSWORD_FOR_CHILD"] = Password } }, ct);
        await ProcessRunner.RunAsync("echo", ["argument", Password!], cancellationToken: ct);
        throw new InvalidOperationException($"exception mentioning {Password}");
    });

    public Target FailingChild => _ => _.Executes(async ct =>
        await ProcessRunner.RunAsync("sh", ["-c", "exit 3", Password!], cancellationToken: ct));
}

/// <summary>Start → (Slow, Fast) → Join, each marking when its body starts and ends.</summary>
public sealed class ParallelBuild : SlipwayBuild
{
    [Parameter] readonly bool FailFast;

    public Target Start => _ => _.Executes(() => Mark("Start", 0));
    public Target Slow => _ => _.DependsOn(Start).Executes(ct => MarkAsync("Slow", 800, ct));
    public Target Fast => _ => _.DependsOn(Start).Executes(ct => FailFast ? FailAsync() : MarkAsync("Fast", 200, ct));
    public Target Join => _ => _.DependsOn(Slow, Fast).Executes(() => Mark("Join", 0));
    public Target Cleanup => _ => _.AssuredAfterFailure().After(Join).Executes(() => Mark("Cleanup", 0));

    private static void Mark(string name, int _)
    {
        Log.Information($"BEGIN {name}");
        Log.Information($"END {name}");
    }

    private static async Task MarkAsync(string name, int milliseconds, CancellationToken ct)
    {
        Log.Information($"BEGIN {name}");
        await Task.Delay(milliseconds, ct);
        Log.Information($"END {name}");
    }

    private static async Task FailAsync()
    {
        Log.Information("BEGIN Fast");
        await Task.Delay(100);
        throw new TargetFailedException("Fast broke on purpose");
    }
}

public sealed class FailureBuild : SlipwayBuild
{
    [Parameter] readonly bool RunOptional;

    public Target Breaks => _ => _.Executes(() =>
    {
        Log.Information("RAN Breaks");
        throw new TargetFailedException("Breaks failed on purpose");
    });
    public Target BreaksButProceeds => _ => _.ProceedAfterFailure().Executes(() =>
    {
        Log.Information("RAN BreaksButProceeds");
        throw new TargetFailedException("failed, proceeding");
    });
    public Target Independent => _ => _.After(Breaks, BreaksButProceeds).Executes(() => Log.Information("RAN Independent"));
    public Target Dependent => _ => _.DependsOn(Breaks).Executes(() => Log.Information("RAN Dependent"));
    public Target Report => _ => _.AssuredAfterFailure().After(Independent, Dependent).Executes(() => Log.Information("RAN Report"));
    public Target Optional => _ => _.OnlyWhenDynamic(() => RunOptional).Executes(() => Log.Information("RAN Optional"));
    public Target StaticOff => _ => _.OnlyWhenStatic(() => RunOptional).Executes(() => Log.Information("RAN StaticOff"));
    public Target Final => _ => _.DependsOn(Optional, StaticOff).Executes(() => Log.Information("RAN Final"));
}

public interface IHazGreeting : ISlipwayBuild
{
    [Parameter("Who to greet")] string Who => TryGetValue(() => Who) ?? "world";
}

public interface IGreet : IHazGreeting
{
    public Target Greet => _ => _.Description("Say hello").Executes(() => Log.Information($"RAN Greet {Who}"));
}

public interface IWave : IGreet
{
    public Target Wave => _ => _.DependsOn<IGreet>(x => x.Greet).Executes(() => Log.Information("RAN Wave"));
}

public sealed class ComponentBuild : SlipwayBuild, IWave
{
    public Target Leave => _ => _.DependsOn<IWave>(x => x.Wave).Executes(() => Log.Information("RAN Leave"));
}
