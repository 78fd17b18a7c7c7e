namespace Slipway.Delivery.Values;

/// <summary>
/// A YAML text (one or more documents) that can be edited one scalar at a time: the result is byte-identical to the
/// input except for the edited scalar's text, or the lines added for a missing key.
/// </summary>
public sealed class ValuesDocument
{
    private readonly IReadOnlyList<YamlDocumentNode> _documents;
    private readonly TextLayout _layout;

    private ValuesDocument(string text, string? fileName)
    {
        Text = text;
        FileName = fileName;
        _documents = YamlTreeReader.Read(text, fileName);
        _layout = TextLayout.Of(text, _documents);
    }

    /// <summary>Parses <paramref name="text"/>; invalid YAML throws <see cref="ValuesEditException"/> with the line and column.</summary>
    public static ValuesDocument Parse(string text, string? fileName = null) => new(text ?? throw new ArgumentNullException(nameof(text)), fileName);

    public string Text { get; }
    /// <summary>The name used in messages.</summary>
    public string? FileName { get; }
    public int DocumentCount => _documents.Count;

    /// <summary>The scalar value at <paramref name="path"/> (following aliases and merge keys); null when the path does not exist.</summary>
    public string? Get(KeyPath path, int document = 0) => ReadNode(path, document) switch
    {
        null => null,
        ScalarNode scalar => scalar.Value,
        var node => throw new ValuesEditException($"'{path}' is a {(node is MappingNode ? "mapping" : "sequence")}, not a scalar value", FileName, node.Line, node.Column),
    };

    public string? Get(string path, int document = 0) => Get(KeyPath.Parse(path), document);

    /// <summary>Sets the scalar at <paramref name="path"/> in the given document, creating missing mapping keys.</summary>
    public ValuesEdit Set(KeyPath path, string value, int document = 0)
    {
        ArgumentNullException.ThrowIfNull(value);
        var resolver = ResolverFor(document);
        switch (resolver.ResolveScalarForWrite(path))
        {
            case ExistingNode { Node: ScalarNode scalar } existing:
                var change = new ScalarChange(path, document, scalar.Value, value);
                if (!change.Changed) return Unchanged(change);
                return Verified(Replace([(scalar, existing.InFlow, value)]), change);
            case MissingPath { Point.InFlow: true } missing:
                return Verified(missing.Point.InsertFlow(Text, NewFlowEntry(path, missing.FirstMissing, value)),
                    new ScalarChange(path, document, null, value));
            case MissingPath missing:
                var lines = NewEntryLines(path, missing.FirstMissing, value);
                return Verified(missing.Point.Insert(Text, lines, _layout.NewLine), new ScalarChange(path, document, null, value));
            default:
                throw new InvalidOperationException("A scalar resolution was expected.");
        }
    }

    public ValuesEdit Set(string path, string value, int document = 0) => Set(KeyPath.Parse(path), value, document);

    /// <summary>Every scalar marked for an image, in every document; only those for <paramref name="component"/> when given.</summary>
    public IReadOnlyList<MarkedScalar> FindMarked(string? component = null) =>
        Markers().Where(m => component == null || m.Marker.IsFor(component))
            .Select(m => new MarkedScalar(m.Marker.Component, m.Marker.Part, m.Path, m.Document, m.Node.Line,
                (m.Node as ScalarNode)?.Value ?? "") { ByFlux = m.Marker.Namespace != null })
            .ToList();

    /// <summary>
    /// Sets every scalar marked for <paramref name="component"/> to the part of <paramref name="update"/> it holds; a scalar
    /// whose part the update does not give is left alone. Throws when no scalar is marked for the component.
    /// </summary>
    public ValuesEdit SetMarked(string component, ImageUpdate update)
    {
        var marked = Markers().Where(m => m.Marker.IsFor(component)).ToList();
        if (marked.Count == 0)
            throw new ValuesEditException($"no value is marked for '{component}' (expected a comment such as '# slipway:image={component}' or '# {{\"$imagepolicy\": \"namespace:{component}\"}}' after the value)", FileName);
        var replacements = new List<(ScalarNode Scalar, bool InFlow, string Value)>();
        var changes = new List<ScalarChange>();
        foreach (var (path, document, _, marker) in marked)
        {
            if (ResolverFor(document).ResolveScalarForWrite(path) is not ExistingNode { Node: ScalarNode scalar } existing) continue;
            if (update.ValueFor(marker.Part, scalar.Value) is not { } value) continue;
            var change = new ScalarChange(path, document, scalar.Value, value);
            changes.Add(change);
            if (change.Changed) replacements.Add((scalar, existing.InFlow, value));
        }
        return replacements.Count == 0 ? new ValuesEdit(Text, FileName, changes) : Verified(Replace(replacements), changes.ToArray());
    }

    /// <summary>Sets one part of the image marked for <paramref name="component"/>; see <see cref="SetMarked(string, ImageUpdate)"/>.</summary>
    public ValuesEdit SetMarked(string component, string value, MarkerPart part) => SetMarked(component, ImageUpdate.For(part, value));

    /// <summary>Every scalar that is a mapping value or sequence item, with its path and document.</summary>
    internal IEnumerable<(KeyPath Path, int Document, ScalarNode Scalar)> Scalars() =>
        _documents.SelectMany(d => ValueNodes.Of(d.Root).Where(v => v.Node is ScalarNode).Select(v => (v.Path, d.Index, (ScalarNode)v.Node)));

    internal YamlNode? ReadNode(KeyPath path, int document) => ResolverFor(document).ResolveForRead(path);

    internal PathResolver ResolverFor(int document)
    {
        if (document < 0 || (document >= _documents.Count && !(document == 0 && _documents.Count == 0)))
            throw new ValuesEditException($"there is no document {document}: the text has {_documents.Count} document(s), counted from 0", FileName);
        return new PathResolver(Text, _documents.Count == 0 ? null : _documents[document], FileName, _layout);
    }

    internal TextLayout Layout => _layout;

    internal ValuesEdit Unchanged(ScalarChange change) => new(Text, FileName, [change]);

    /// <summary>Checks that the new text parses and reads back every changed value, so a wrong edit is never returned.</summary>
    internal ValuesEdit Verified(string text, params ScalarChange[] changes)
    {
        var reparsed = new ValuesDocument(text, FileName);
        foreach (var change in changes.Where(c => c.Changed))
        {
            var actual = reparsed.Get(change.Path, change.Document);
            if (actual != change.NewValue)
                throw new ValuesEditException($"writing '{change.NewValue}' at '{change.Path}' would read back as '{actual}'; the file was left as it was", FileName);
        }
        return new ValuesEdit(text, FileName, changes);
    }

    private string Replace(IEnumerable<(ScalarNode Scalar, bool InFlow, string Value)> replacements)
    {
        var text = Text;
        foreach (var (scalar, inFlow, value) in replacements.OrderByDescending(r => r.Scalar.ValueStart))
        {
            var rendered = ScalarRenderer.Render(value, scalar.Style, inFlow, ScalarRenderer.ExpectsString(scalar));
            if (scalar.ValueStart == scalar.ValueEnd && scalar.ValueStart > 0 && text[scalar.ValueStart - 1] is not (' ' or '\t'))
                rendered = " " + rendered;
            text = text[..scalar.ValueStart] + rendered + text[scalar.ValueEnd..];
        }
        return text;
    }

    /// <summary>The lines (relative indentation) that create <paramref name="path"/> from segment <paramref name="first"/> on.</summary>
    private IEnumerable<string> NewEntryLines(KeyPath path, int first, string value)
    {
        var lines = new List<string>();
        for (var i = first; i < path.Segments.Count; i++)
        {
            if (path.Segments[i].Key is not { } key)
                throw new ValuesEditException($"'{path.Take(i)}' does not exist and sequence items are not created ({path.Segments[i]}); add it by hand", FileName);
            var indent = new string(' ', (i - first) * _layout.IndentStep);
            var last = i == path.Segments.Count - 1;
            lines.Add(indent + ScalarRenderer.RenderNew(key) + ":" + (last ? " " + ScalarRenderer.RenderNew(value) : ""));
        }
        return lines;
    }

    /// <summary>The flow entry that creates <paramref name="path"/> from segment <paramref name="first"/> on:
    /// <c>key: value</c>, or <c>key: {inner: value}</c> for deeper segments.</summary>
    private string NewFlowEntry(KeyPath path, int first, string value)
    {
        var entry = ScalarRenderer.Render(value, YamlDotNet.Core.ScalarStyle.Plain, inFlow: true, stringExpected: true);
        for (var i = path.Segments.Count - 1; i >= first; i--)
        {
            if (path.Segments[i].Key is not { } key)
                throw new ValuesEditException($"'{path.Take(i)}' does not exist and sequence items are not created " +
                                              $"({path.Segments[i]}); add it by hand", FileName);
            var rendered =
                ScalarRenderer.Render(key, YamlDotNet.Core.ScalarStyle.Plain, inFlow: true, stringExpected: true);
            entry = i == path.Segments.Count - 1 ? $"{rendered}: {entry}" : $"{rendered}: {{{entry}}}";
        }
        return entry;
    }

    private IEnumerable<(KeyPath Path, int Document, YamlNode Node, ImageMarker Marker)> Markers()
    {
        foreach (var document in _documents)
            foreach (var (path, node) in ValueNodes.Of(document.Root))
                if (node is ScalarNode { IsBlock: false } or AliasNode && TrailingComment(node) is { } comment && ImageMarker.Parse(comment) is { } marker)
                    yield return (path, document.Index, node, marker);
    }

    /// <summary>The comment right after a node on its line, without the <c>#</c>; null when there is none.</summary>
    private string? TrailingComment(YamlNode node)
    {
        var position = node is ScalarNode scalar ? scalar.ValueEnd : node.End;
        while (position < Text.Length && Text[position] is ' ' or '\t') position++;
        if (position >= Text.Length || Text[position] != '#') return null;
        var end = TextLayout.LineBreakAfter(Text, position);
        return Text[(position + 1)..end];
    }
}
