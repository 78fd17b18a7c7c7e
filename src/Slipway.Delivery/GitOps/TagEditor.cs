using Slipway.Delivery.Values;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// Writes a tag (and the image's digest) into a values file's text, changing only those scalars' bytes. Where: the
/// bump's key when given; else the values marked for the component (<c># slipway:image=&lt;component&gt;</c> or a Flux
/// <c>$imagepolicy</c> setter); else, in a <c>kustomization.yaml</c>, the <c>newTag</c> and <c>digest</c> of its
/// <c>images:</c> entry; else <c>&lt;component&gt;.image.tag</c>. The digest goes where it is marked, into a marked
/// whole reference or <c>tag@digest</c>, else to <c>digest</c> beside a key named <c>tag</c> (created when missing).
/// An empty or absent file gets the conventional tag file, marker included.
/// </summary>
public static class TagEditor
{
    public static TagEdit Apply(string text, TagBump bump)
    {
        var document = ValuesDocument.Parse(text, bump.ValuesFile);
        if (bump.Key is { } key)
        {
            var tagKey = KeyPath.Parse(key);
            var tagEdit = document.Set(tagKey, bump.Tag);
            if (bump.DigestKey != null)
                return FromEdit(bump, WithDigest(tagEdit, KeyPath.Parse(bump.DigestKey), bump.Digest), $"key {key}");
            var (keyed, notBeside) = BesideTag(tagEdit, TagBump.DigestBeside(tagKey), bump.Digest);
            return FromEdit(bump, keyed, $"key {key}" + notBeside);
        }
        if (document.FindMarked(bump.Component) is { Count: > 0 } marked)
            return FromMarked(bump, document, marked);
        if (KustomizeTags.IsKustomization(bump.ValuesFile))
            return KustomizeTags.Set(document, bump);
        if (text.Length == 0)
            return new TagEdit(bump, null, NewTagFile(bump.Component, bump.Tag, bump.Digest), "new file",
                Changed: true);
        var defaultKey =
            KeyPath.Parse(TagBump.DefaultKey.Replace("{component}", bump.Component, StringComparison.Ordinal));
        var (edit, skipped) =
            BesideTag(document.Set(defaultKey, bump.Tag), TagBump.DigestBeside(defaultKey), bump.Digest);
        return FromEdit(bump, edit, $"key {defaultKey}" + skipped);
    }

    /// <summary>
    /// The tag file a component gets when it has none: block YAML, quoted values, the marker on the tag's line.
    /// </summary>
    public static string NewTagFile(string component, string tag, string? digest = null) =>
        $"{component}:\n  image:\n    tag: \"{tag}\" # slipway:image={component}\n" +
        (digest != null ? $"    digest: \"{digest}\"\n" : "");

    internal static TagEdit FromEdit(TagBump bump, ValuesEdit edit, string how) =>
        new(bump, edit.OldValue, edit.Text, how, edit.Changed);

    /// <summary>
    /// <paramref name="edit"/> followed by writing <paramref name="digest"/> at <paramref name="digestKey"/>; without a
    /// digest, a non-empty one already there is emptied (it would pin the previous image).
    /// </summary>
    internal static ValuesEdit WithDigest(ValuesEdit edit, KeyPath? digestKey, string? digest, int document = 0)
    {
        if (digestKey == null) return edit;
        var next = edit.ToDocument();
        if (digest != null) return edit.Then(next.Set(digestKey, digest, document));
        return next.Get(digestKey, document) is { Length: > 0 } ? edit.Then(next.Set(digestKey, "", document)) : edit;
    }

    /// <summary>
    /// The digest beside the tag, a place no one asked for by name: when it cannot be written there (a flow mapping
    /// over
    /// several lines, merged values…), the tag alone is, and the reason joins the edit's description.
    /// </summary>
    private static (ValuesEdit Edit, string? Skipped) BesideTag(ValuesEdit edit, KeyPath? digestKey, string? digest,
        int document = 0)
    {
        try
        {
            return (WithDigest(edit, digestKey, digest, document), null);
        }
        catch (ValuesEditException e)
        {
            return (edit, $"; digest not written beside the tag: {e.Message}");
        }
    }

    private static TagEdit FromMarked(TagBump bump, ValuesDocument document, IReadOnlyList<MarkedScalar> marked)
    {
        var holdsTag = marked
            .Where(m => m.Part is MarkerPart.Tag or MarkerPart.Image or MarkerPart.TagAndDigest).ToList();
        string? skipped = null;
        if (holdsTag.Count == 0)
            throw new ValuesEditException($"the values marked for '{bump.Component}' hold no tag (only a name or digest): mark the tag's line " +
                                          $"with '# slipway:image={bump.Component}', or pass --key", bump.ValuesFile);
        var edit = document.SetMarked(bump.Component, new ImageUpdate(Tag: bump.Tag, Digest: bump.Digest ?? ""));
        // a marked tag without a marked place for the digest in its document: 'digest' beside it, when it is named
        // 'tag'; beside a tag Flux writes, only one already there is kept in step (Flux would leave a new one stale)
        foreach (var tag in holdsTag.Where(m => m.Part == MarkerPart.Tag))
        {
            if (marked.Any(m => m.Document == tag.Document && m.Part != MarkerPart.Tag && m.Part != MarkerPart.Name))
                continue;
            var beside = TagBump.DigestBeside(tag.Path);
            if (tag.ByFlux && beside != null && edit.ToDocument().Get(beside, tag.Document) == null) continue;
            var (withDigest, reason) = BesideTag(edit, beside, bump.Digest, tag.Document);
            edit = withDigest;
            skipped ??= reason;
        }
        var old = edit.Changes.Where(c => c.Changed)
            .Select(c => holdsTag.FirstOrDefault(m => m.Path.Equals(c.Path) && m.Document == c.Document) is { } m
                ? TagOf(m.Part, c.OldValue) : null)
            .FirstOrDefault(t => t != null);
        return new TagEdit(bump, edit.Changed ? old ?? TagOf(holdsTag[0].Part, holdsTag[0].Value) : bump.Tag, edit.Text,
            "marker" + skipped, edit.Changed);
    }

    /// <summary>
    /// The tag a marked value holds: the value itself, the part before its digest, or a reference's tag.
    /// </summary>
    private static string? TagOf(MarkerPart part, string? value) => value == null ? null : part switch
    {
        MarkerPart.Tag => value,
        MarkerPart.TagAndDigest => value.Split('@')[0],
        _ => ImageReference.Parse(value).Tag,
    };
}
