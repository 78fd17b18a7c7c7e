namespace Slipway.Delivery.Values;

/// <summary>The file's own conventions, so that inserted lines look like their neighbours.</summary>
internal sealed record TextLayout(string NewLine, int IndentStep)
{
    public const int DefaultIndentStep = 2;

    public static TextLayout Of(string text, IReadOnlyList<YamlDocumentNode> documents) =>
        new(NewLineOf(text), IndentStepOf(documents));

    /// <summary>The line ending of the first line that has one; <c>\n</c> when there is none.</summary>
    public static string NewLineOf(string text)
    {
        var lineFeed = text.IndexOf('\n');
        return lineFeed > 0 && text[lineFeed - 1] == '\r' ? "\r\n" : "\n";
    }

    /// <summary>The most common indentation of a nested block mapping relative to its parent key.</summary>
    private static int IndentStepOf(IReadOnlyList<YamlDocumentNode> documents)
    {
        var steps = new Dictionary<int, int>();
        void Visit(YamlNode? node)
        {
            switch (node)
            {
                case MappingNode mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        if (!mapping.IsFlow && entry.Value is MappingNode { IsFlow: false, Entries.Count: > 0 } child)
                        {
                            var step = child.Entries[0].Key.Column - entry.Key.Column;
                            if (step > 0) steps[step] = steps.GetValueOrDefault(step) + 1;
                        }
                        Visit(entry.Value);
                    }
                    break;
                case SequenceNode sequence:
                    foreach (var item in sequence.Items) Visit(item);
                    break;
            }
        }
        foreach (var document in documents) Visit(document.Root);
        return steps.Count == 0 ? DefaultIndentStep : steps.OrderByDescending(s => s.Value).ThenBy(s => s.Key).First().Key;
    }

    /// <summary>Index of the line break that ends the line holding <paramref name="index"/> (the text's length on the last line).</summary>
    public static int LineBreakAfter(string text, int index)
    {
        var position = Math.Max(index, 0);
        while (position < text.Length && text[position] is not ('\n' or '\r')) position++;
        if (position < text.Length && text[position] == '\n' && position > 0 && text[position - 1] == '\r') position--;
        return position;
    }

    /// <summary>
    /// Index just past the last character of <paramref name="node"/>'s content. Trailing blank lines of a block scalar
    /// count only when it keeps them (<c>|+</c>, <c>&gt;+</c>).
    /// </summary>
    public static int ContentEnd(string text, YamlNode node) => node switch
    {
        MappingNode { IsFlow: false, Entries.Count: > 0 } mapping =>
            Math.Max(mapping.Entries[^1].Key.End, ContentEnd(text, mapping.Entries[^1].Value)),
        SequenceNode { IsFlow: false, Items.Count: > 0 } sequence => ContentEnd(text, sequence.Items[^1]),
        ScalarNode { IsBlock: true } block when !KeepsTrailingLines(text, block) => WithoutTrailingBlankLines(text, block),
        _ => node.End,
    };

    private static bool KeepsTrailingLines(string text, ScalarNode block)
    {
        var header = text.AsSpan(block.ValueStart, LineBreakAfter(text, block.ValueStart) - block.ValueStart);
        var comment = header.IndexOf('#');
        return (comment < 0 ? header : header[..comment]).Contains('+');
    }

    private static int WithoutTrailingBlankLines(string text, ScalarNode block)
    {
        var end = block.End;
        while (end > block.ValueStart && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
