namespace Slipway.Delivery.Images;

/// <summary>One component's image in images.json: where it is, its tags, digest and inputs digest, and whether it was rebuilt.</summary>
public sealed record BuiltImage
{
    public required string Component { get; init; }
    public required string Registry { get; init; }
    public required string Repository { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    /// <summary>The manifest digest, confirmed through the registry API (empty until pushed).</summary>
    public string Digest { get; init; } = "";
    public required string InputsDigest { get; init; }
    /// <summary>False when an image with the same inputs was already in the registry and only new tags were added.</summary>
    public required bool Rebuilt { get; init; }
    /// <summary>The registry-side tag naming the inputs digest, used to find an unchanged image again.</summary>
    public required string InputsTag { get; init; }

    public string Reference(string tag) => $"{Registry}/{Repository}:{tag}";
    public string PinnedReference => $"{Registry}/{Repository}@{Digest}";
}
