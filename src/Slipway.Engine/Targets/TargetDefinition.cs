using System.Linq.Expressions;

namespace Slipway.Engine;

/// <summary>What one target said about itself through <see cref="ITargetDefinition"/>.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<TargetReference> Dependencies { get; } = [];
    public List<TargetReference> DependentForTargets { get; } = [];
    public List<TargetReference> RunsAfter { get; } = [];
    public List<TargetReference> RunsBefore { get; } = [];
    public List<TargetReference> TriggersTargets { get; } = [];
    public List<TargetReference> TriggeredByTargets { get; } = [];
    public List<TargetCondition> StaticConditions { get; } = [];
    public List<TargetCondition> DynamicConditions { get; } = [];
    public List<Action> Checks { get; } = [];
    public List<Expression<Func<object?>>> RequiredParameters { get; } = [];
    public List<string> RequiredTools { get; } = [];
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(Dependencies, targets);
    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => Add(Dependencies, targets);
    public ITargetDefinition DependentFor(params Target[] targets) => Add(DependentForTargets, targets);
    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForTargets, targets);
    public ITargetDefinition After(params Target[] targets) => Add(RunsAfter, targets);
    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => Add(RunsAfter, targets);
    public ITargetDefinition Before(params Target[] targets) => Add(RunsBefore, targets);
    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Add(RunsBefore, targets);
    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredByTargets, targets);
    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByTargets, targets);

    public ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions) =>
        Add(StaticConditions, conditions.Select(c => new TargetCondition(c, null)));
    public ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions) =>
        Add(DynamicConditions, conditions.Select(c => new TargetCondition(c, null)));
    public ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, string skippedBecause) =>
        Add(StaticConditions, [new TargetCondition(condition, skippedBecause)]);
    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, string skippedBecause) =>
        Add(DynamicConditions, [new TargetCondition(condition, skippedBecause)]);
    public ITargetDefinition Validates(params Action[] checks) { Checks.AddRange(checks); return this; }
    public ITargetDefinition Requires(params Expression<Func<object?>>[] parameters) { RequiredParameters.AddRange(parameters); return this; }
    public ITargetDefinition RequiresTool(params string[] toolNames) { RequiredTools.AddRange(toolNames); return this; }

    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }

    public ITargetDefinition Executes(Action action) => Executes(_ => { action(); return Task.CompletedTask; });
    public ITargetDefinition Executes(Action<CancellationToken> action) => Executes(ct => { action(ct); return Task.CompletedTask; });
    public ITargetDefinition Executes(Func<Task> action) => Executes(_ => action());
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) { Actions.Add(action); return this; }

    private TargetDefinition Add(List<TargetCondition> list, IEnumerable<TargetCondition> conditions)
    {
        list.AddRange(conditions);
        return this;
    }

    private TargetDefinition Add(List<TargetReference> list, Target[] targets)
    {
        list.AddRange(targets.Select(TargetReference.Direct));
        return this;
    }

    private TargetDefinition Add<T>(List<TargetReference> list, Func<T, Target>[] targets)
    {
        list.AddRange(targets.Select(TargetReference.Through));
        return this;
    }
}
