namespace Slipway.Delivery.Values;

/// <summary>Which part of an image reference a marked scalar holds.</summary>
public enum MarkerPart
{
    /// <summary>The whole reference, <c>registry/app:tag</c> (optionally <c>@digest</c>).</summary>
    Image,
    /// <summary>The repository name without tag or digest.</summary>
    Name,
    Tag,
    Digest,
}
