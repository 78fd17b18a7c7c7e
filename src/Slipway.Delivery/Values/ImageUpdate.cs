namespace Slipway.Delivery.Values;

/// <summary>New parts of an image reference; a null part is left as it is.</summary>
public sealed record ImageUpdate(string? Name = null, string? Tag = null, string? Digest = null)
{
    /// <summary>The value a scalar marked for <paramref name="part"/> should hold, or null when this update does not say.</summary>
    public string? ValueFor(MarkerPart part, string current) => part switch
    {
        MarkerPart.Name => Name,
        MarkerPart.Tag => Tag,
        MarkerPart.Digest => Digest,
        _ => Name == null && Tag == null && Digest == null ? null : ImageReference.Parse(current).With(this).ToString(),
    };

    /// <summary>An update setting only <paramref name="part"/>; for <see cref="MarkerPart.Image"/> the value is a whole reference.</summary>
    public static ImageUpdate For(MarkerPart part, string value) => part switch
    {
        MarkerPart.Name => new ImageUpdate(Name: value),
        MarkerPart.Tag => new ImageUpdate(Tag: value),
        MarkerPart.Digest => new ImageUpdate(Digest: value),
        _ => From(ImageReference.Parse(value)),
    };

    private static ImageUpdate From(ImageReference reference) => new(reference.Name, reference.Tag, reference.Digest);
}
