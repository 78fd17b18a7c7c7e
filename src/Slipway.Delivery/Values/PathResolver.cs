namespace Slipway.Delivery.Values;

/// <summary>Walks a key path through one document, refusing every step that would make an edit reach further than its scalar.</summary>
internal sealed class PathResolver(string text, YamlDocumentNode? document, string? fileName, TextLayout layout)
{
    /// <summary>The scalar to replace, or where the missing part of the path is to be created.</summary>
    public PathResolution ResolveScalarForWrite(KeyPath path)
    {
        var walked = Walk(path);
        if (walked is not ExistingNode existing) return walked;
        var target = Describe(path, path.Segments.Count);
        return existing.Node switch
        {
            ScalarNode { IsBlock: true } block => throw Refuse($"{target} is a block scalar ('|' or '>'); block scalars are not edited, write the value on one line first", block),
            ScalarNode => existing,
            MappingNode => throw Refuse($"{target} is a mapping, not a scalar value", existing.Node),
            _ => throw Refuse($"{target} is a sequence, not a scalar value", existing.Node),
        };
    }

    /// <summary>The node at the end of the path, or where its missing part would be created; refuses shared nodes on the way.</summary>
    public PathResolution Walk(KeyPath path)
    {
        if (document == null || document.Root is ScalarNode { IsEmpty: true })
            return new MissingPath(0, DocumentInsertion());
        var node = document.Root;
        YamlNode? key = null;
        var inFlow = false;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var segment = path.Segments[i];
            var here = Describe(path, i);
            RefuseShared(node, here);
            switch (node)
            {
                case MappingNode mapping when segment.Key is { } name:
                    var entry = FindEntry(mapping, name, here);
                    if (entry == null)
                    {
                        if (mapping.IsFlow) return new MissingPath(i, FlowMappingInsertion(mapping, name, here));
                        RefuseMissingInMerged(mapping, path, i, here);
                        return new MissingPath(i, MappingInsertion(mapping));
                    }
                    if (entry.Value is ScalarNode { IsEmpty: true } empty && i < path.Segments.Count - 1)
                    {
                        if (mapping.IsFlow)
                            throw Refuse($"{Describe(path, i + 1)} is empty inside a flow mapping {{…}}; keys are only created in block mappings", empty);
                        return new MissingPath(i + 1, EmptyValueInsertion(entry.Key, empty));
                    }
                    node = entry.Value;
                    key = entry.Key;
                    inFlow = mapping.IsFlow;
                    break;
                case SequenceNode sequence when segment.Index is { } index:
                    if (index >= sequence.Items.Count)
                        throw Refuse($"{here} has {sequence.Items.Count} item(s), so there is no item [{index}]; sequence items are not created, add it by hand", sequence);
                    node = sequence.Items[index];
                    key = null;
                    inFlow = sequence.IsFlow;
                    break;
                default:
                    throw WrongShape(node, segment, here);
            }
        }
        RefuseShared(node, Describe(path, path.Segments.Count));
        return new ExistingNode(node, key, inFlow);
    }

    /// <summary>Where lines go that are nested under the empty value of <paramref name="key"/>.</summary>
    public InsertionPoint UnderEmptyValue(YamlNode key, ScalarNode empty, int extraIndent) =>
        new(TextLayout.LineBreakAfter(text, Math.Max(key.End, empty.End) - 1), key.Column - 1 + extraIndent);

    /// <summary>Where a new item goes at the end of a block sequence (indented to its dashes).</summary>
    public InsertionPoint AfterLastItem(SequenceNode sequence) =>
        new(TextLayout.LineBreakAfter(text, TextLayout.ContentEnd(text, sequence) - 1), sequence.Column - 1);

    /// <summary>The node a path reads, following aliases and merge keys; null when the path does not exist.</summary>
    public YamlNode? ResolveForRead(KeyPath path)
    {
        var node = document?.Root;
        foreach (var segment in path.Segments)
            node = node == null ? null : Step(Follow(node), segment);
        return node == null ? null : Follow(node);
    }

    private static YamlNode? Step(YamlNode? node, PathSegment segment) => (node, segment) switch
    {
        (MappingNode mapping, { Key: { } key }) => mapping.Entries.FirstOrDefault(e => e.KeyText == key)?.Value ?? FromMerge(mapping, key),
        (SequenceNode sequence, { Index: { } index }) => index < sequence.Items.Count ? sequence.Items[index] : null,
        _ => null,
    };

    private static YamlNode? FromMerge(MappingNode mapping, string key)
    {
        foreach (var merge in mapping.Entries.Where(e => e.IsMerge))
        {
            var sources = Follow(merge.Value) is SequenceNode list ? list.Items.Select(Follow) : [Follow(merge.Value)];
            foreach (var source in sources.OfType<MappingNode>())
                if (Step(source, PathSegment.ForKey(key)) is { } found) return found;
        }
        return null;
    }

    private static YamlNode Follow(YamlNode node) => node is AliasNode alias ? Follow(alias.Target) : node;

    private MappingEntry? FindEntry(MappingNode mapping, string key, string here)
    {
        var matches = mapping.Entries.Where(e => e.KeyText == key).ToList();
        if (matches.Count > 1)
            throw Refuse($"the key '{key}' appears more than once in {here} (lines {string.Join(", ", matches.Select(m => m.Key.Line))}); remove the duplicate first", matches[1].Key);
        return matches.SingleOrDefault();
    }

    /// <summary>An alias, or an anchored node that an alias reads: an edit here would change other places too.</summary>
    private void RefuseShared(YamlNode node, string here)
    {
        if (node is AliasNode alias)
            throw Refuse($"{here} is the alias *{alias.Name} of the value anchored at line {alias.Target.Line}; editing through it would change every place that reads &{alias.Name}. Edit the anchored value, or replace the alias with its own value first", alias);
        if (node.Anchor != null && node.FirstReference is { } reference)
            throw Refuse($"{here} carries the anchor &{node.Anchor}, which *{node.Anchor} at line {reference.Line} reads; editing it would change that place too. Edit it by hand, or give that place its own value first", node);
    }

    /// <summary>
    /// Inside a flow mapping on one line: right after its <c>{</c> when empty, else before its <c>}</c>. One that spans
    /// lines, or merges other values, is refused.
    /// </summary>
    private InsertionPoint FlowMappingInsertion(MappingNode mapping, string key, string here)
    {
        var open = text.IndexOf('{', mapping.Start);
        var close = open < 0 ? -1 : FlowBrackets.Closing(text, open);
        if (close < 0 || text.AsSpan(open, close - open).Contains('\n')
            || mapping.Entries.Any(e => e.IsMerge))
            throw Refuse($"'{key}' is missing from the flow mapping {{…}} at {here}, which spans lines or merges " +
                         "other values; keys are created in block mappings and one-line flow mappings. Rewrite it " +
                         "in block style or add the key by hand", mapping);
        if (mapping.Entries.Count == 0) return new InsertionPoint(open + 1, 0, InFlow: true);
        var end = close;
        while (text[end - 1] is ' ' or '\t') end--;
        return new InsertionPoint(end, 0, InFlow: true, Separator: text[end - 1] == ',' ? " " : ", ");
    }

    private void RefuseMissingInMerged(MappingNode mapping, KeyPath path, int index, string here)
    {
        if (mapping.Entries.FirstOrDefault(e => e.IsMerge) is { } merge)
            throw Refuse($"{Describe(path, index + 1)} is not written in {here}, which merges other values with '<<' (line {merge.Key.Line}); it may come from there. Setting it would shadow or change the merged value, so add it by hand", merge.Key);
    }

    private ValuesEditException WrongShape(YamlNode node, PathSegment segment, string here) => node switch
    {
        ScalarNode scalar => Refuse($"{here} is a scalar ('{Shorten(scalar.Value)}'), so it has no {(segment.IsIndex ? "item " + segment : "key '" + segment.Key + "'")}", node),
        SequenceNode => Refuse($"{here} is a sequence; address its items with [index], not the key '{segment.Key}'", node),
        _ => Refuse($"{here} is a mapping, not a sequence, so {segment} does not apply", node),
    };

    private InsertionPoint MappingInsertion(MappingNode mapping) =>
        new(TextLayout.LineBreakAfter(text, TextLayout.ContentEnd(text, mapping) - 1), mapping.Entries[0].Key.Column - 1);

    private InsertionPoint EmptyValueInsertion(YamlNode key, ScalarNode empty) => UnderEmptyValue(key, empty, layout.IndentStep);

    private InsertionPoint DocumentInsertion() => document is { HasExplicitStart: true } explicitStart
        ? new(TextLayout.LineBreakAfter(text, explicitStart.StartMarkerEnd - 1), 0)
        : new(text.Length, 0, AtEndOfText: true);

    public ValuesEditException Refuse(string reason, YamlNode node) => new(reason, fileName, node.Line, node.Column);

    private static string Describe(KeyPath path, int count) => count == 0 ? "the document root" : $"'{path.Take(count)}'";

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
