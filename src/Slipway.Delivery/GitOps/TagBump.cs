using Slipway.Delivery.Values;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// One component's new tag and where it goes in the deployment repository: <see cref="ValuesFile"/> relative to its
/// root, at <see cref="Key"/> when given (else the value marked for the component, else the default key). With
/// <see cref="Digest"/>, the image's digest is written too (see <see cref="TagEditor"/>); without, a digest found
/// beside
/// the tag is emptied, as it would pin the previous image.
/// </summary>
public sealed record TagBump(string Component, string Tag, string ValuesFile, string? Key = null)
{
    /// <summary>The image's digest, <c>sha256:…</c>; null when it is not known.</summary>
    public string? Digest { get; init; }

    /// <summary>
    /// Where the digest goes when <see cref="Key"/> is given (default: <c>digest</c> beside a key named <c>tag</c>).
    /// </summary>
    public string? DigestKey { get; init; }

    /// <summary>Where a component's tag lives unless told otherwise.</summary>
    public const string DefaultValuesFile = "deploy/values/components/{component}.yaml";

    /// <summary>The key path of the tag in the default values file.</summary>
    public const string DefaultKey = "{component}.image.tag";

    /// <summary>Names the component's image may have in a kustomization's <c>images:</c> list (the first is used for a new entry).</summary>
    public IReadOnlyList<string> ImageNames { get; init; } = [Component];

    /// <summary>A bump with <c>{component}</c> in <paramref name="valuesFile"/> and <paramref name="key"/> replaced by the component's name.</summary>
    public static TagBump For(string component, string tag, string? valuesFile = null, string? key = null,
        string? digest = null, string? digestKey = null) =>
        new(component, tag, Expand(valuesFile ?? DefaultValuesFile, component),
            key == null ? null : Expand(key, component))
        {
            Digest = digest,
            DigestKey = digestKey == null ? null : Expand(digestKey, component),
        };

    /// <summary>
    /// <c>digest</c> beside a tag key named <c>tag</c> (<c>api.image.tag</c> → <c>api.image.digest</c>), else null.
    /// </summary>
    public static KeyPath? DigestBeside(KeyPath tagKey) =>
        tagKey.Segments.Count > 0 && tagKey.Segments[^1].Key == "tag"
            ? tagKey.Take(tagKey.Segments.Count - 1).Append(PathSegment.ForKey("digest"))
            : null;

    private static string Expand(string template, string component) => template.Replace("{component}", component, StringComparison.Ordinal);

    public override string ToString() => $"{Component} → {Tag}" + (Digest != null ? $" ({ShortDigest(Digest)})" : "") +
                                         $" in {ValuesFile}" + (Key != null ? $" at {Key}" : "");

    /// <summary><c>sha256:</c> and the first 12 hex digits, as registries and docker show a digest.</summary>
    public static string ShortDigest(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
