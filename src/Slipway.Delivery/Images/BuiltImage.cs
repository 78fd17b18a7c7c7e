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

    /// <summary>
    /// The tag deploys and values files use: for a rebuilt image its new tag; for an unchanged one the tag it was first
    /// built under, so an unrelated commit does not roll its pods (the new tags are added too, for traceability).
    /// </summary>
    public string? DeployTag { get; init; }

    public string TagToDeploy => DeployTag ?? Tags[0];

    public string Reference(string tag) => $"{Registry}/{Repository}:{tag}";
    public string PinnedReference => $"{Registry}/{Repository}@{Digest}";
}
