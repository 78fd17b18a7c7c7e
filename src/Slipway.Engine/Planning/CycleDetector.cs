namespace Slipway.Engine;

/// <summary>Refuses a target graph with a cycle through dependency, ordering or trigger edges, naming the cycle.</summary>
internal static class CycleDetector
{
    /// <summary>Edges point from a target to the targets that must come before it.</summary>
    public static IEnumerable<ExecutableTarget> Predecessors(ExecutableTarget target, IReadOnlyCollection<ExecutableTarget> all) =>
        target.Dependencies
            .Concat(target.OrderedAfter)
            .Concat(all.Where(t => t.Triggers.Contains(target)))
            .Distinct();

    public static void ThrowIfCyclic(IReadOnlyList<ExecutableTarget> targets)
    {
        var state = new Dictionary<ExecutableTarget, int>(); // 0/absent = new, 1 = on stack, 2 = done
        var stack = new List<ExecutableTarget>();

        void Visit(ExecutableTarget node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in Predecessors(node, targets))
            {
                var s = state.GetValueOrDefault(next);
                if (s == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(next)).Append(next).Select(t => t.Name);
                    throw new BuildDefinitionException(
                        $"The targets form a cycle: {string.Join(" → ", cycle)} (X → Y: X needs Y to run first). " +
                        "Remove one of the DependsOn/After/Before/Triggers relations on this path.");
                }
                if (s == 0) Visit(next);
            }
            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }

        foreach (var target in targets)
            if (state.GetValueOrDefault(target) == 0)
                Visit(target);
    }
}
