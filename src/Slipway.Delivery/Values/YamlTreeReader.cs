using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Slipway.Delivery.Values;

/// <summary>Builds positioned nodes from YamlDotNet's parser events; the text itself is never re-serialized.</summary>
internal sealed partial class YamlTreeReader
{
    private readonly string _text;
    private readonly string? _fileName;
    private readonly int _offset;
    private readonly List<YamlDocumentNode> _documents = [];
    private readonly Stack<CollectionFrame> _open = new();
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private YamlNode? _root;
    private DocumentStart? _documentStart;
    private Mark _lastMark = Mark.Empty;

    private YamlTreeReader(string text, string? fileName)
    {
        _text = text;
        _fileName = fileName;
        _offset = text.StartsWith('\uFEFF') ? 1 : 0; // the scanner does not skip a byte order mark inside a string
    }

    public static IReadOnlyList<YamlDocumentNode> Read(string text, string? fileName) => new YamlTreeReader(text, fileName).ReadAll();

    private IReadOnlyList<YamlDocumentNode> ReadAll()
    {
        var parser = new Parser(new StringReader(_offset == 0 ? _text : _text[_offset..]));
        try
        {
            while (parser.MoveNext()) Accept(parser.Current!);
        }
        catch (YamlException e)
        {
            throw new ValuesEditException("invalid YAML: " + Reason(e), _fileName, (int)e.Start.Line, (int)e.Start.Column, e);
        }
        catch (InvalidOperationException e) // the scanner fails this way on some unclosed flow collections
        {
            if (_open.FirstOrDefault(f => f.IsFlow) is { } flow)
                throw new ValuesEditException("invalid YAML: this flow collection ('[' or '{') is not closed", _fileName, (int)flow.Mark.Line, (int)flow.Mark.Column, e);
            throw new ValuesEditException("invalid YAML: the text after this point cannot be read", _fileName, (int)_lastMark.Line, (int)_lastMark.Column, e);
        }
        return _documents;
    }

    private void Accept(ParsingEvent parsingEvent)
    {
        _lastMark = parsingEvent.End;
        switch (parsingEvent)
        {
            case DocumentStart start:
                _documentStart = start;
                _anchors.Clear();
                _root = null;
                break;
            case DocumentEnd:
                var explicitStart = _documentStart is { IsImplicit: false };
                _documents.Add(new YamlDocumentNode(_documents.Count, _root!, explicitStart, explicitStart ? Index(_documentStart!.End) : 0));
                break;
            case MappingStart mapping:
                _open.Push(new CollectionFrame(true, mapping.Style == MappingStyle.Flow, Index(mapping.Start), mapping.Start, AnchorOf(mapping.Anchor)));
                break;
            case SequenceStart sequence:
                _open.Push(new CollectionFrame(false, sequence.Style == SequenceStyle.Flow, Index(sequence.Start), sequence.Start, AnchorOf(sequence.Anchor)));
                break;
            case MappingEnd or SequenceEnd:
                Complete(_open.Pop().Build(Index(parsingEvent.End)));
                break;
            case Scalar scalar:
                Complete(ToNode(scalar));
                break;
            case AnchorAlias alias:
                Complete(ToNode(alias));
                break;
        }
    }

    private void Complete(YamlNode node)
    {
        if (node.Anchor != null) _anchors[node.Anchor] = node;
        if (_open.TryPeek(out var parent)) parent.Children.Add(node);
        else _root = node;
    }

    private ScalarNode ToNode(Scalar scalar)
    {
        var start = Index(scalar.Start);
        var end = Index(scalar.End);
        var position = start;
        var propertiesEnd = start;
        var hasTag = false;
        while (position < end && _text[position] is '&' or '!')
        {
            hasTag |= _text[position] == '!';
            while (position < end && !char.IsWhiteSpace(_text[position])) position++;
            propertiesEnd = position;
            while (position < end && char.IsWhiteSpace(_text[position])) position++;
        }
        var empty = scalar.Value.Length == 0 && scalar.Style == ScalarStyle.Plain;
        return new ScalarNode
        {
            Start = start,
            End = end,
            Line = (int)scalar.Start.Line,
            Column = (int)scalar.Start.Column,
            Anchor = AnchorOf(scalar.Anchor),
            Tag = hasTag ? scalar.Tag.ToString() : null,
            Value = scalar.Value,
            Style = scalar.Style,
            ValueStart = empty ? propertiesEnd : position,
            ValueEnd = empty ? propertiesEnd : end,
        };
    }

    private AliasNode ToNode(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out var target))
            throw new ValuesEditException($"invalid YAML: the alias *{name} refers to no anchor &{name} defined before it",
                _fileName, (int)alias.Start.Line, (int)alias.Start.Column);
        var node = new AliasNode
        {
            Start = Index(alias.Start), End = Index(alias.End), Line = (int)alias.Start.Line, Column = (int)alias.Start.Column,
            Name = name, Target = target,
        };
        target.FirstReference ??= node;
        return node;
    }

    private int Index(Mark mark) => (int)mark.Index + _offset;

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    /// <summary>YamlDotNet's message without the position prefix it repeats.</summary>
    private static string Reason(YamlException e) => PositionPrefix().Replace(e.Message, "").TrimEnd('.');

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    private sealed class CollectionFrame(bool isMapping, bool isFlow, int start, Mark mark, string? anchor)
    {
        public bool IsFlow => isFlow;
        public Mark Mark => mark;
        public List<YamlNode> Children { get; } = [];

        public YamlNode Build(int end)
        {
            if (!isMapping)
            {
                var sequence = new SequenceNode { Start = start, End = end, Line = (int)mark.Line, Column = (int)mark.Column, Anchor = anchor, IsFlow = isFlow };
                sequence.Items.AddRange(Children);
                return sequence;
            }
            var mapping = new MappingNode { Start = start, End = end, Line = (int)mark.Line, Column = (int)mark.Column, Anchor = anchor, IsFlow = isFlow };
            for (var i = 0; i + 1 < Children.Count; i += 2) mapping.Entries.Add(new MappingEntry(Children[i], Children[i + 1]));
            return mapping;
        }
    }
}
