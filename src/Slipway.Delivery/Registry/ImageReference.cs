using System.Text.RegularExpressions;

namespace Slipway.Delivery.Registry;

/// <summary>
/// An image reference split into registry, repository, tag and digest, normalised as Docker does:
/// <c>nginx</c> is <c>docker.io/library/nginx:latest</c>.
/// </summary>
public sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    /// <summary>The tag or, when pinned, the digest: what a manifest request names.</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    public static ImageReference Parse(string text)
    {
        if (!TryParse(text, out var reference, out var error)) throw new FormatException(error);
        return reference!;
    }

    public static bool TryParse(string text, out ImageReference? reference, out string error)
    {
        reference = null;
        error = "";
        var value = text.Trim();
        if (value.Length == 0 || value.Any(char.IsWhiteSpace))
        {
            error = $"'{text}' is not an image reference (empty or contains spaces).";
            return false;
        }
        string? digest = null;
        var at = value.IndexOf('@');
        if (at >= 0)
        {
            digest = value[(at + 1)..];
            value = value[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                error = $"'{text}' has an invalid digest '{digest}' (expected sha256:<64 hex>).";
                return false;
            }
        }
        string? tag = null;
        var lastSlash = value.LastIndexOf('/');
        var colon = value.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = value[(colon + 1)..];
            value = value[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"'{text}' has an invalid tag '{tag}'.";
                return false;
            }
        }
        var firstSlash = value.IndexOf('/');
        string registry, repository;
        var first = firstSlash < 0 ? "" : value[..firstSlash];
        if (firstSlash > 0 && (first.Contains('.') || first.Contains(':') || first == "localhost"))
        {
            registry = first;
            repository = value[(firstSlash + 1)..];
        }
        else
        {
            registry = DockerHub;
            repository = value;
        }
        if (registry is "index.docker.io" or "registry-1.docker.io") registry = DockerHub;
        if (registry == DockerHub && !repository.Contains('/')) repository = "library/" + repository;
        if (!RepositoryPattern().IsMatch(repository))
        {
            error = $"'{text}' has an invalid repository '{repository}' (lowercase letters, digits, separators . _ - /).";
            return false;
        }
        if (tag == null && digest == null) tag = "latest";
        reference = new ImageReference(registry, repository, tag, digest);
        return true;
    }

    public ImageReference WithRegistry(string registry) => this with { Registry = registry };
    public ImageReference WithDigest(string digest) => this with { Digest = digest };

    public override string ToString() =>
        $"{Registry}/{Repository}" + (Tag != null ? ":" + Tag : "") + (Digest != null ? "@" + Digest : "");

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();
}
