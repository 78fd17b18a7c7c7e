namespace Slipway.Delivery.Values;

/// <summary>
/// New parts of an image reference; a null part is left as it is. An empty <see cref="Digest"/> removes the digest: a
/// new tag without its digest must not stay pinned to the previous image.
/// </summary>
public sealed record ImageUpdate(string? Name = null, string? Tag = null, string? Digest = null)
{
    /// <summary>The value a scalar marked for <paramref name="part"/> should hold, or null when this update does not say.</summary>
    public string? ValueFor(MarkerPart part, string current) => part switch
    {
        MarkerPart.Name => Name,
        MarkerPart.Tag => Tag,
        MarkerPart.Digest => Digest,
        MarkerPart.TagAndDigest => TagAndDigest(current),
        _ => Name == null && Tag == null && Digest == null ? null : ImageReference.Parse(current).With(this).ToString(),
    };

    /// <summary>An update setting only <paramref name="part"/>; for <see cref="MarkerPart.Image"/> the value is a whole reference.</summary>
    public static ImageUpdate For(MarkerPart part, string value) => part switch
    {
        MarkerPart.Name => new ImageUpdate(Name: value),
        MarkerPart.Tag => new ImageUpdate(Tag: value),
        MarkerPart.Digest => new ImageUpdate(Digest: value),
        MarkerPart.TagAndDigest => FromTagAndDigest(value),
        _ => From(ImageReference.Parse(value)),
    };

    /// <summary>
    /// <c>tag@digest</c> from this update over <paramref name="current"/>; a new tag alone drops the old digest.
    /// </summary>
    private string? TagAndDigest(string current)
    {
        if (Tag == null && Digest == null) return null;
        var at = current.IndexOf('@');
        var tag = Tag ?? (at >= 0 ? current[..at] : current);
        var digest = Digest ?? (Tag == null && at >= 0 ? current[(at + 1)..] : "");
        return digest.Length > 0 ? $"{tag}@{digest}" : tag;
    }

    private static ImageUpdate FromTagAndDigest(string value) => value.IndexOf('@') is var at and >= 0
        ? new ImageUpdate(Tag: value[..at], Digest: value[(at + 1)..])
        : new ImageUpdate(Tag: value, Digest: "");

    private static ImageUpdate From(ImageReference reference) => new(reference.Name, reference.Tag, reference.Digest);
}
