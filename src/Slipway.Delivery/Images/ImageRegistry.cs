namespace Slipway.Delivery.Images;

/// <summary>A registry and an optional path prefix under which repositories live: <c>host[:port][/prefix]</c>.</summary>
public sealed record ImageRegistry(string Host, string? Prefix)
{
    public static ImageRegistry Parse(string text)
    {
        var trimmed = text.Trim().TrimEnd('/');
        if (trimmed.Contains("://")) trimmed = trimmed[(trimmed.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? new ImageRegistry(trimmed, null) : new ImageRegistry(trimmed[..slash], trimmed[(slash + 1)..]);
    }

    /// <summary>The repository path inside the registry for a component repository such as <c>shop/orders-api</c>.</summary>
    public string RepositoryFor(string repository) => Prefix == null ? repository : $"{Prefix}/{repository}";

    /// <summary>A repository here without the prefix: <c>group/project/shop/a</c> is <c>shop/a</c>.</summary>
    public string RelativeRepository(string repository) =>
        Prefix != null && repository.StartsWith(Prefix + "/", StringComparison.Ordinal)
            ? repository[(Prefix.Length + 1)..]
            : repository;

    /// <summary>Whether a (normalised) image reference lives in this registry, under its prefix.</summary>
    public bool Holds(string image) => image.StartsWith(this + "/", StringComparison.Ordinal);

    public override string ToString() => Prefix == null ? Host : $"{Host}/{Prefix}";
}
