namespace Slipway.Delivery.Values;

/// <summary>A node of a parsed YAML document with its position in the text (character indexes, 1-based line/column).</summary>
internal abstract class YamlNode
{
    /// <summary>Index of the node's first character, including an anchor or tag in front of it.</summary>
    public required int Start { get; init; }
    /// <summary>Index just past the node's last character.</summary>
    public required int End { get; init; }
    public required int Line { get; init; }
    public required int Column { get; init; }
    public string? Anchor { get; init; }
    /// <summary>An alias somewhere in the document reads this node.</summary>
    public AliasNode? FirstReference { get; set; }
}

internal sealed class ScalarNode : YamlNode
{
    public required string Value { get; init; }
    public required YamlDotNet.Core.ScalarStyle Style { get; init; }
    public string? Tag { get; init; }
    /// <summary>Index where the scalar's own text starts, after any anchor and tag.</summary>
    public required int ValueStart { get; init; }
    /// <summary>Index just past the scalar's own text (differs from <see cref="YamlNode.End"/> only for empty scalars).</summary>
    public required int ValueEnd { get; init; }
    public bool IsBlock => Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded;
    /// <summary>An empty plain scalar without anchor or tag: a key with nothing after it.</summary>
    public bool IsEmpty => Value.Length == 0 && Style == YamlDotNet.Core.ScalarStyle.Plain && Anchor == null && Tag == null;
}

internal sealed class MappingNode : YamlNode
{
    public required bool IsFlow { get; init; }
    public List<MappingEntry> Entries { get; } = [];
}

internal sealed record MappingEntry(YamlNode Key, YamlNode Value)
{
    public string? KeyText => (Key as ScalarNode)?.Value;
    public bool IsMerge => Key is ScalarNode { Value: "<<", Style: YamlDotNet.Core.ScalarStyle.Plain };
}

internal sealed class SequenceNode : YamlNode
{
    public required bool IsFlow { get; init; }
    public List<YamlNode> Items { get; } = [];
}

internal sealed class AliasNode : YamlNode
{
    public required string Name { get; init; }
    public required YamlNode Target { get; init; }
}
