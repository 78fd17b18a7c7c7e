namespace Slipway.Engine;

/// <summary>A discovered target with its resolved relations and its run state.</summary>
public sealed class ExecutableTarget
{
    internal ExecutableTarget(string name, Target factory, TargetDefinition definition, int declarationIndex, Type declaringType)
    {
        Name = name;
        Factory = factory;
        Definition = definition;
        DeclarationIndex = declarationIndex;
        DeclaringType = declaringType;
    }

    public string Name { get; }
    public string? Description => Definition.DescriptionText;
    public bool Listed => !Definition.IsUnlisted;
    public Type DeclaringType { get; }
    internal Target Factory { get; }
    internal TargetDefinition Definition { get; }
    internal int DeclarationIndex { get; }

    public List<ExecutableTarget> Dependencies { get; } = [];
    /// <summary>Targets that run before this one when both are scheduled (from After and the others' Before).</summary>
    public List<ExecutableTarget> OrderedAfter { get; } = [];
    /// <summary>Targets this one schedules to run after itself (from Triggers and the others' TriggeredBy).</summary>
    public List<ExecutableTarget> Triggers { get; } = [];

    public TargetStatus Status { get; internal set; } = TargetStatus.NotRun;
    public TimeSpan Duration { get; internal set; }
    /// <summary>Why the target was skipped, failed or not run, for the summary.</summary>
    public string? Note { get; internal set; }
    public Exception? Error { get; internal set; }

    public override string ToString() => Name;
}
