namespace Slipway.Engine;

/// <summary>A build's targets and their relations by name, for tools that work from the graph (CI generation, docs).</summary>
public sealed class TargetGraph
{
    private readonly Dictionary<string, Node> _byName;

    private TargetGraph(IReadOnlyList<Node> targets)
    {
        Targets = targets;
        _byName = targets.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every target in declaration order.</summary>
    public IReadOnlyList<Node> Targets { get; }

    /// <summary>Discovers the targets of a build instance, as a run would; refuses a cyclic graph.</summary>
    public static TargetGraph Of(object build)
    {
        var targets = TargetDiscovery.Discover(build);
        CycleDetector.ThrowIfCyclic(targets);
        return new TargetGraph(targets.Select(t => new Node(
            t.Name,
            t.Listed,
            t.Dependencies.Select(d => d.Name).ToList(),
            t.OrderedAfter.Select(d => d.Name).ToList(),
            t.Triggers.Select(d => d.Name).ToList())).ToList());
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The target of that name (case-insensitive), or an error naming the known ones.</summary>
    public Node this[string name] => _byName.TryGetValue(name, out var node)
        ? node
        : throw new BuildDefinitionException($"The build has no target '{name}'.{Suggestions.DidYouMean(name, Targets.Select(t => t.Name))}");

    /// <summary>One target: what must run before it (<see cref="Dependencies"/>), what it runs after when both are planned, what it triggers.</summary>
    public sealed record Node(string Name, bool Listed, IReadOnlyList<string> Dependencies, IReadOnlyList<string> OrderedAfter, IReadOnlyList<string> Triggers);
}
