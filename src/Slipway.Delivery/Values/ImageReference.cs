namespace Slipway.Delivery.Values;

/// <summary>An image reference split as <c>name[:tag][@digest]</c>; a registry port is part of the name.</summary>
public sealed record ImageReference(string Name, string? Tag, string? Digest)
{
    public static ImageReference Parse(string reference)
    {
        var at = reference.IndexOf('@');
        var digest = at >= 0 ? reference[(at + 1)..] : null;
        var nameAndTag = at >= 0 ? reference[..at] : reference;
        var colon = nameAndTag.LastIndexOf(':');
        return colon > nameAndTag.LastIndexOf('/')
            ? new ImageReference(nameAndTag[..colon], nameAndTag[(colon + 1)..], digest)
            : new ImageReference(nameAndTag, null, digest);
    }

    /// <summary>
    /// This reference with the parts of <paramref name="update"/> applied. A new name or tag without a new digest drops
    /// the old digest, which would otherwise pin the previous image; so does an empty digest.
    /// </summary>
    public ImageReference With(ImageUpdate update) => new(
        update.Name ?? Name,
        update.Tag ?? Tag,
        update.Digest is { Length: 0 } ? null
        : update.Digest ?? (update.Name != null || update.Tag != null ? null : Digest));

    public override string ToString() => Name + (Tag != null ? ":" + Tag : "") + (Digest != null ? "@" + Digest : "");
}
