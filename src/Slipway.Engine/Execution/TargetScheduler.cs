using System.Diagnostics;
using System.Linq.Expressions;

namespace Slipway.Engine;

/// <summary>
/// Runs a plan: a target starts when every planned predecessor has finished, up to <c>degree</c> at once.
/// A failure stops scheduling (unless the failed target proceeds after failure) and cancels the running targets;
/// assured targets still run.
/// </summary>
internal sealed class TargetScheduler(ExecutionPlan plan, BuildOutput output, int degree, CancellationToken interrupt)
{
    private readonly HashSet<ExecutableTarget> _finished = [];
    private bool _stopScheduling;
    private ExecutableTarget? _firstFailure;

    public async Task RunAsync()
    {
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var pending = plan.Targets.Where(t => t.Status != TargetStatus.Skipped).ToList();
        _finished.UnionWith(plan.Targets.Where(t => t.Status == TargetStatus.Skipped));
        var running = new Dictionary<Task, ExecutableTarget>();

        while (pending.Count > 0 || running.Count > 0)
        {
            var before = pending.Count;
            foreach (var target in pending.ToList())
            {
                if (running.Count >= degree) break;
                if (!plan.Predecessors[target].All(_finished.Contains)) continue;
                pending.Remove(target);
                if (Decide(target) is { } reason)
                {
                    target.Note ??= reason;
                    _finished.Add(target);
                    continue;
                }
                var token = target.Definition.IsAssuredAfterFailure ? interrupt : failure.Token;
                running.Add(Task.Run(() => ExecuteAsync(target, token)), target);
            }

            if (running.Count == 0)
            {
                if (pending.Count == 0) break;
                if (pending.Count == before)
                    throw new InvalidOperationException($"No planned target can start: {string.Join(", ", pending)}.");
                continue; // decisions finished some targets: look again
            }

            var done = await Task.WhenAny(running.Keys);
            var finished = running[done];
            running.Remove(done);
            _finished.Add(finished);
            if (finished.Status == TargetStatus.Failed && !finished.Definition.IsProceedAfterFailure && !_stopScheduling)
            {
                _stopScheduling = true;
                _firstFailure = finished;
                failure.Cancel();
            }
        }
    }

    /// <summary>Null when the target should start; otherwise why it does not (it is then NotRun or Skipped).</summary>
    private string? Decide(ExecutableTarget target)
    {
        if (interrupt.IsCancellationRequested) return "interrupted";
        if (target.Dependencies.FirstOrDefault(d => d.Status is TargetStatus.Failed or TargetStatus.Cancelled or TargetStatus.NotRun) is { } broken)
            return $"dependency {broken.Name} did not succeed";
        if (_stopScheduling && !target.Definition.IsAssuredAfterFailure)
            return $"stopped after {_firstFailure?.Name} failed";
        if (plan.OnlyTriggered.Contains(target) &&
            !plan.Targets.Any(t => t.Triggers.Contains(target) && t.Status == TargetStatus.Succeeded))
            return "no triggering target succeeded";
        string? condition;
        try
        {
            condition = FirstFalse(target.Definition.DynamicConditions);
        }
        catch (Exception e)
        {
            target.Status = TargetStatus.Failed;
            target.Error = e;
            output.Write(LogLevel.Error, $"{target.Name}: evaluating its condition failed: {ErrorText.Describe(e, output.Verbosity)}");
            _stopScheduling = true;
            _firstFailure ??= target;
            return "condition could not be evaluated: " + e.Message.Split('\n')[0];
        }
        if (condition != null)
        {
            target.Status = TargetStatus.Skipped;
            return condition;
        }
        return null;
    }

    /// <summary>The explanation of the first false condition, or null when all hold.</summary>
    internal static string? FirstFalse(IEnumerable<TargetCondition> conditions)
    {
        foreach (var condition in conditions)
            if (!condition.Condition.Compile()())
                return condition.Explanation;
        return null;
    }

    private async Task ExecuteAsync(ExecutableTarget target, CancellationToken token)
    {
        using var _ = BuildOutput.InTarget(target.Name);
        TargetSections.Begin(output, target.Name);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var action in target.Definition.Actions)
            {
                token.ThrowIfCancellationRequested();
                await action(token);
            }
            target.Status = TargetStatus.Succeeded;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            target.Status = TargetStatus.Cancelled;
            target.Note = interrupt.IsCancellationRequested ? "interrupted" : $"cancelled after {_firstFailure?.Name} failed";
            output.Write(LogLevel.Warning, $"{target.Name} was {target.Note}.");
        }
        catch (Exception e)
        {
            target.Status = TargetStatus.Failed;
            target.Error = e;
            target.Note = FirstLine(e.Message);
            output.Write(LogLevel.Error, ErrorText.Describe(e, output.Verbosity));
        }
        finally
        {
            target.Duration = stopwatch.Elapsed;
            TargetSections.End(output, target);
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
