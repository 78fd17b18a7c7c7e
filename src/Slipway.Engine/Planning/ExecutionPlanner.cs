namespace Slipway.Engine;

/// <summary>Selects the targets a run needs (invoked + dependencies + triggered) and orders them.</summary>
internal static class ExecutionPlanner
{
    public static ExecutionPlan Plan(IReadOnlyList<ExecutableTarget> all, IReadOnlyList<ExecutableTarget> invoked)
    {
        CycleDetector.ThrowIfCyclic(all);

        var selected = new HashSet<ExecutableTarget>();
        var reachedByDependency = new HashSet<ExecutableTarget>(invoked);
        var queue = new Queue<ExecutableTarget>(invoked);
        while (queue.TryDequeue(out var target))
        {
            if (!selected.Add(target)) continue;
            foreach (var dependency in target.Dependencies)
            {
                reachedByDependency.Add(dependency);
                queue.Enqueue(dependency);
            }
            foreach (var triggered in target.Triggers)
                queue.Enqueue(triggered);
        }

        var predecessors = selected.ToDictionary(
            t => t,
            t => (IReadOnlyList<ExecutableTarget>)CycleDetector.Predecessors(t, all).Where(selected.Contains).ToList());

        var ordered = TopologicalOrder(selected, predecessors);
        var onlyTriggered = selected.Where(t => !reachedByDependency.Contains(t)).ToHashSet();
        return new ExecutionPlan(ordered, invoked.ToHashSet(), onlyTriggered, predecessors);
    }

    /// <summary>Kahn's algorithm; among ready targets the one declared first goes first, so plans are stable.</summary>
    private static List<ExecutableTarget> TopologicalOrder(
        HashSet<ExecutableTarget> selected, Dictionary<ExecutableTarget, IReadOnlyList<ExecutableTarget>> predecessors)
    {
        var remaining = selected.ToDictionary(t => t, t => predecessors[t].Count);
        var ready = new PriorityQueue<ExecutableTarget, int>();
        foreach (var (target, count) in remaining)
            if (count == 0) ready.Enqueue(target, target.DeclarationIndex);

        var ordered = new List<ExecutableTarget>();
        while (ready.TryDequeue(out var next, out _))
        {
            ordered.Add(next);
            foreach (var successor in selected.Where(s => predecessors[s].Contains(next)))
                if (--remaining[successor] == 0)
                    ready.Enqueue(successor, successor.DeclarationIndex);
        }
        return ordered;
    }
}
