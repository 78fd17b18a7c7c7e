using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Slipway.Delivery.Registry;

/// <summary>A manifest exactly as the registry stored it: its bytes (digests are over these), media type and digest.</summary>
public sealed record Manifest(byte[] Bytes, string MediaType, string Digest)
{
    public static string DigestOf(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public bool IsIndex => MediaType is "application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json";

    private JsonNode Json => JsonNode.Parse(Bytes)!;

    /// <summary>For an index: the child manifests (one per platform).</summary>
    public IReadOnlyList<Descriptor> Children => IsIndex ? Descriptors(Json["manifests"]) : [];

    /// <summary>For an image manifest: the config blob then the layers.</summary>
    public IReadOnlyList<Descriptor> Blobs =>
        IsIndex ? [] : [.. Descriptors(Json["config"] is { } config ? new JsonArray(config.DeepClone()) : null), .. Descriptors(Json["layers"])];

    private static List<Descriptor> Descriptors(JsonNode? array) =>
        array?.AsArray().Select(d => new Descriptor(
            d!["digest"]!.GetValue<string>(),
            d["mediaType"]?.GetValue<string>() ?? "",
            d["size"]?.GetValue<long>() ?? 0,
            d["platform"] is { } p ? $"{p["os"]}/{p["architecture"]}{(p["variant"] is { } v ? "/" + v : "")}" : null)).ToList() ?? [];
}

/// <summary>A content descriptor: what a manifest points at.</summary>
public sealed record Descriptor(string Digest, string MediaType, long Size, string? Platform = null);
