namespace Slipway.Delivery.Ci.Yaml;

/// <summary>A list; <see cref="Flow"/> writes a short scalar list on one line: <c>[a, b]</c>.</summary>
public sealed class YamlSequence(IReadOnlyList<YamlNode> items, bool flow = false) : YamlNode
{
    public IReadOnlyList<YamlNode> Items { get; } = items;
    public bool Flow { get; } = flow;

    public static YamlSequence Of(IEnumerable<string> items, bool flow = false) => new(items.Select(i => (YamlNode)new YamlScalar(i)).ToList(), flow);
}
