namespace Slipway.Delivery.Ci.Planning;

/// <summary>One generated job: what it runs, where, after what, with which inputs and artifacts.</summary>
public sealed record CiJob
{
    public required string Id { get; init; }
    public required string Stage { get; init; }
    /// <summary>The targets named on the command line.</summary>
    public required IReadOnlyList<string> Targets { get; init; }
    /// <summary>Targets done by earlier jobs (or declared as skipped) that the command line skips.</summary>
    public required IReadOnlyList<string> Skips { get; init; }
    public required IReadOnlyList<CiNeed> Needs { get; init; }
    /// <summary>The environments whose pipelines hold this job, in declaration order.</summary>
    public required IReadOnlyList<CiEnvironment> Environments { get; init; }
    /// <summary>The environment a deploy pipeline job works on (its <c>environment:</c>, lock and gate); null for component jobs.</summary>
    public CiEnvironment? DeploysTo { get; init; }
    /// <summary>Waits for a person: the first job of a gated environment, and stop jobs.</summary>
    public bool Manual { get; init; }
    /// <summary>This job stops <see cref="DeploysTo"/> (a preview); its deploy jobs name it as their on-stop job.</summary>
    public bool IsStop { get; init; }
    /// <summary>The stop job of the environment this job deploys to.</summary>
    public string? StopJobId { get; init; }
    public required IReadOnlyList<string> ArtifactPaths { get; init; }
    /// <summary>Variables with fixed values (SLIPWAY_&lt;PARAMETER&gt;), in declaration order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Variables { get; init; }
    public required IReadOnlyList<CiInput> Inputs { get; init; }
    public bool PushesCommits { get; init; }
    public bool UsesDocker { get; init; }
    /// <summary>Labels of the self-hosted runner the job needs; empty: any runner.</summary>
    public IReadOnlyList<string> RunnerLabels { get; init; } = [];
    /// <summary>Targets run after the job's command whether or not it passed.</summary>
    public IReadOnlyList<string> FinallyTargets { get; init; } = [];

    /// <summary>Declared per component: the planner makes one job per component of it.</summary>
    public bool PerComponent { get; init; }
    /// <summary>The component this job builds, when it is one of a per-component job's; null otherwise.</summary>
    public CiComponentJob? Component { get; init; }

    /// <summary>The command the job runs: <c>./build.sh Targets --skip Skips --no-logo</c>.</summary>
    public string Command => BuildCommand(Targets, Skips);

    /// <summary>The command run after it whether or not it passed; null when there is none.</summary>
    public string? FinallyCommand => FinallyTargets.Count == 0 ? null : BuildCommand(FinallyTargets, []);

    private static string BuildCommand(IReadOnlyList<string> targets, IReadOnlyList<string> skips) =>
        "./build.sh " + string.Join(' ', targets) + (skips.Count > 0 ? " --skip " + string.Join(' ', skips) : "") +
        " --no-logo";
}
