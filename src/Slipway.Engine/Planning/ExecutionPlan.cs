namespace Slipway.Engine;

/// <summary>The targets a run will consider, in execution order, with the reason each one is there.</summary>
public sealed class ExecutionPlan
{
    internal ExecutionPlan(IReadOnlyList<ExecutableTarget> ordered, IReadOnlySet<ExecutableTarget> invoked,
        IReadOnlySet<ExecutableTarget> onlyTriggered, IReadOnlyDictionary<ExecutableTarget, IReadOnlyList<ExecutableTarget>> predecessors)
    {
        Targets = ordered;
        Invoked = invoked;
        OnlyTriggered = onlyTriggered;
        Predecessors = predecessors;
    }

    public IReadOnlyList<ExecutableTarget> Targets { get; }
    public IReadOnlySet<ExecutableTarget> Invoked { get; }
    /// <summary>Targets present only because another target triggers them: they run only after a trigger succeeded.</summary>
    public IReadOnlySet<ExecutableTarget> OnlyTriggered { get; }
    /// <summary>For each planned target, the planned targets that must finish first.</summary>
    public IReadOnlyDictionary<ExecutableTarget, IReadOnlyList<ExecutableTarget>> Predecessors { get; }
    /// <summary>The run only prints the plan (<c>--plan</c>): checks may describe, but must not ask or change anything.</summary>
    public bool PlanOnly { get; internal set; }
}
