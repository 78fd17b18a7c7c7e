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
    /// <summary>
    /// The tag pinned to its digest, <c>tag@sha256:…</c>, for a chart that reads both from its tag value.
    /// </summary>
    TagAndDigest,
}
