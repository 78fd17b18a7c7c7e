using System.Linq.Expressions;

namespace Slipway.Engine;

/// <summary>The fluent surface a target uses to describe itself.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>The given targets run (and must succeed) before this one.</summary>
    ITargetDefinition DependsOn(params Target[] targets);
    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);

    /// <summary>This target becomes a dependency of the given ones (declared from the dependency's side).</summary>
    ITargetDefinition DependentFor(params Target[] targets);
    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);

    /// <summary>When both are scheduled, this target runs after the given ones (no dependency implied).</summary>
    ITargetDefinition After(params Target[] targets);
    ITargetDefinition After<T>(params Func<T, Target>[] targets);

    /// <summary>When both are scheduled, this target runs before the given ones (no dependency implied).</summary>
    ITargetDefinition Before(params Target[] targets);
    ITargetDefinition Before<T>(params Func<T, Target>[] targets);

    /// <summary>Running this target schedules the given ones to run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);
    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);

    /// <summary>Running any of the given targets schedules this one to run after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);
    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);

    /// <summary>Conditions checked before anything runs; a false one skips the target.</summary>
    ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions);

    /// <summary>Conditions checked just before the target runs; a false one skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions);

    /// <summary>As <see cref="OnlyWhenStatic(Expression{Func{bool}}[])"/>; a skip is explained by <paramref name="skippedBecause"/>.</summary>
    ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, string skippedBecause);

    /// <summary>As <see cref="OnlyWhenDynamic(Expression{Func{bool}}[])"/>; a skip is explained by <paramref name="skippedBecause"/>.</summary>
    ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, string skippedBecause);

    /// <summary>
    /// Checks run after planning and before any target starts (also for <c>--plan</c>), once per check for the whole run.
    /// A check refuses the run by throwing <see cref="UsageException"/> (exit 2) with what is wrong and what to do.
    /// </summary>
    ITargetDefinition Validates(params Action[] checks);

    /// <summary>Parameters that must have a value before the build starts, e.g. <c>Requires(() => RegistryPassword)</c>.</summary>
    ITargetDefinition Requires(params Expression<Func<object?>>[] parameters);

    /// <summary>Tools that must be found on PATH before the build starts.</summary>
    ITargetDefinition RequiresTool(params string[] toolNames);

    /// <summary>When this target fails, the others keep being scheduled (the build still fails).</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after another target failed (cleanup, reports).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c> and launch profiles.</summary>
    ITargetDefinition Unlisted();

    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Action<CancellationToken> action);
    ITargetDefinition Executes(Func<Task> action);
    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}
