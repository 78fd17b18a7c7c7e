using Slipway.Delivery.Values;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// Writes a tag into a values file's text, changing only that scalar's bytes. Where: the bump's key when given; else the
/// value marked for the component (<c># slipway:image=&lt;component&gt;</c> or a Flux <c>$imagepolicy</c> setter); else, in a
/// <c>kustomization.yaml</c>, the <c>newTag</c> of its <c>images:</c> entry; else <c>&lt;component&gt;.image.tag</c>.
/// An empty or absent file gets the conventional tag file, marker included.
/// </summary>
public static class TagEditor
{
    public static TagEdit Apply(string text, TagBump bump)
    {
        var document = ValuesDocument.Parse(text, bump.ValuesFile);
        if (bump.Key is { } key)
            return FromEdit(bump, document.Set(KeyPath.Parse(key), bump.Tag), $"key {key}");
        if (document.FindMarked(bump.Component).Count > 0)
            return FromMarked(bump, document.SetMarked(bump.Component, new ImageUpdate(Tag: bump.Tag)));
        if (KustomizeTags.IsKustomization(bump.ValuesFile))
            return KustomizeTags.Set(document, bump);
        if (text.Length == 0)
            return new TagEdit(bump, null, NewTagFile(bump.Component, bump.Tag), "new file", Changed: true);
        return FromEdit(bump, document.Set(KeyPath.Parse(TagBump.DefaultKey.Replace("{component}", bump.Component, StringComparison.Ordinal)), bump.Tag),
            $"key {bump.Component}.image.tag");
    }

    /// <summary>The tag file a component gets when it has none: block YAML, the tag quoted, the marker on its line.</summary>
    public static string NewTagFile(string component, string tag) =>
        $"{component}:\n  image:\n    tag: \"{tag}\" # slipway:image={component}\n";

    internal static TagEdit FromEdit(TagBump bump, ValuesEdit edit, string how) =>
        new(bump, edit.OldValue, edit.Text, how, edit.Changed);

    private static TagEdit FromMarked(TagBump bump, ValuesEdit edit)
    {
        if (edit.Changes.Count == 0)
            throw new ValuesEditException($"the values marked for '{bump.Component}' hold no tag (only a name or digest): mark the tag's line " +
                                          $"with '# slipway:image={bump.Component}', or pass --key", bump.ValuesFile);
        var old = edit.Changes.Where(c => c.Changed).Select(c => TagOf(c.OldValue)).FirstOrDefault();
        return new TagEdit(bump, edit.Changed ? old : bump.Tag, edit.Text, "marker", edit.Changed);
    }

    /// <summary>The tag of a marked value: the value itself, or the tag part of a whole image reference.</summary>
    private static string? TagOf(string? value) =>
        value != null && value.IndexOfAny([':', '/', '@']) >= 0 ? ImageReference.Parse(value).Tag : value;
}
