namespace Slipway.Delivery.Values;

/// <summary>
/// Edits the <c>images:</c> list of a <c>kustomization.yaml</c>: sets <c>newName</c>, <c>newTag</c> or <c>digest</c> of
/// the entry whose <c>name</c> matches, creating the field, the entry or the list when absent.
/// </summary>
public static class KustomizeImages
{
    private static readonly KeyPath Images = KeyPath.Parse("images");

    public static ValuesEdit Set(ValuesDocument kustomization, string name, KustomizeImageUpdate update)
    {
        var fields = update.Fields;
        if (fields.Count == 0) throw new ArgumentException("The update sets no field: give a new name, tag or digest.", nameof(update));
        var resolver = kustomization.ResolverFor(0);
        return resolver.Walk(Images) switch
        {
            ExistingNode { Node: SequenceNode images } => IndexOf(images, name) is { } index
                ? SetFields(kustomization, index, fields)
                : images.IsFlow
                    ? throw resolver.Refuse($"the image '{name}' is not in the flow list 'images: [...]'; entries are only added to block lists, rewrite it in block style or add the entry by hand", images)
                    : AddEntry(kustomization, resolver.AfterLastItem(images), ItemIndent(images), [], images.Items.Count, name, fields),
            ExistingNode { Node: ScalarNode { IsEmpty: true } empty, Key: { } key } =>
                AddEntry(kustomization, resolver.UnderEmptyValue(key, empty, 0), 2, [], 0, name, fields),
            MissingPath { Point: var point } => AddEntry(kustomization, point, 2, ["images:"], 0, name, fields),
            ExistingNode existing => throw resolver.Refuse("'images' is not a list of image entries", existing.Node),
            _ => throw new InvalidOperationException("Unexpected resolution of 'images'."),
        };
    }

    /// <summary>Sets the image's tag in the file at <paramref name="path"/>; see <see cref="Set(ValuesDocument, string, KustomizeImageUpdate)"/>.</summary>
    public static ValuesEdit Set(string path, string name, KustomizeImageUpdate update) =>
        ValuesFile.Edit(path, document => Set(document, name, update));

    private static int? IndexOf(SequenceNode images, string name)
    {
        for (var i = 0; i < images.Items.Count; i++)
            if (images.Items[i] is MappingNode item && item.Entries.Any(e => e.KeyText == "name" && e.Value is ScalarNode { Value: var value } && value == name))
                return i;
        return null;
    }

    private static ValuesEdit SetFields(ValuesDocument document, int index, IReadOnlyList<(string Key, string Value)> fields)
    {
        ValuesEdit? result = null;
        foreach (var (key, value) in fields)
        {
            var edit = document.Set(Images.Append(PathSegment.ForIndex(index)).Append(PathSegment.ForKey(key)), value);
            result = result == null ? edit : result.Then(edit);
            document = edit.Changed ? edit.ToDocument() : document;
        }
        return result!;
    }

    private static ValuesEdit AddEntry(ValuesDocument document, InsertionPoint point, int itemIndent, IReadOnlyList<string> header,
        int index, string name, IReadOnlyList<(string Key, string Value)> fields)
    {
        var pad = new string(' ', itemIndent - 2);
        var continuation = new string(' ', itemIndent);
        var lines = header.Concat([$"-{pad} name: {ScalarRenderer.RenderNew(name)}"])
            .Concat(fields.Select(f => $"{continuation}{f.Key}: {ScalarRenderer.RenderNew(f.Value)}"));
        var entry = Images.Append(PathSegment.ForIndex(index));
        var changes = fields.Select(f => new ScalarChange(entry.Append(PathSegment.ForKey(f.Key)), 0, null, f.Value)).ToArray();
        return document.Verified(point.Insert(document.Text, lines, document.Layout.NewLine), changes);
    }

    /// <summary>How far an entry's fields sit from its dash (2 for <c>- name:</c>), as the list already writes it.</summary>
    private static int ItemIndent(SequenceNode images) =>
        images.Items.FirstOrDefault() is MappingNode { IsFlow: false, Entries.Count: > 0 } item && item.Entries[0].Key.Column - images.Column is var indent && indent >= 2
            ? indent
            : 2;
}
