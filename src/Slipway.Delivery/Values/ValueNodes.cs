namespace Slipway.Delivery.Values;

/// <summary>Every mapping value and sequence item of a document, with its key path, in document order.</summary>
internal static class ValueNodes
{
    public static IEnumerable<(KeyPath Path, YamlNode Node)> Of(YamlNode? root) => Below(root, []);

    private static IEnumerable<(KeyPath Path, YamlNode Node)> Below(YamlNode? node, IReadOnlyList<PathSegment> prefix)
    {
        var children = node switch
        {
            MappingNode mapping => mapping.Entries
                .Where(e => e.KeyText != null && !e.IsMerge)
                .Select(e => (Segment: PathSegment.ForKey(e.KeyText!), Node: e.Value)),
            SequenceNode sequence => sequence.Items.Select((item, i) => (Segment: PathSegment.ForIndex(i), Node: item)),
            _ => [],
        };
        foreach (var (segment, child) in children)
        {
            var path = prefix.Append(segment).ToArray();
            yield return (new KeyPath(path), child);
            foreach (var below in Below(child, path)) yield return below;
        }
    }
}
