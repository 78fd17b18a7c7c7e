using System.Text;
using System.Text.Json.Nodes;
using Slipway.Delivery.Registry;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>
/// Small images made through the registry API alone (blob uploads and PutManifest): random layers and a config under
/// an image manifest, and indexes over such manifests. A seed makes the same bytes, hence the same digests, every run.
/// </summary>
internal sealed class SyntheticImages(RegistryClient registry, int? seed = null)
{
    private readonly Random _random = seed is { } value ? new Random(value) : new Random();

    /// <summary>An image of random layers of the given sizes (default two, 3000 and 5000 bytes).</summary>
    public Task<Manifest> PushImageAsync(string repository, string? tag, ImageFormat format, string architecture = "amd64",
        int[]? layerSizes = null, CancellationToken ct = default) =>
        PushLayersAsync(repository, tag, format, (layerSizes ?? [3000, 5000]).Select(RandomBytes).ToList(), architecture, ct);

    /// <summary>
    /// Uploads the layers (in order, repeats allowed) and a random config, then writes the manifest under
    /// <paramref name="tag"/>, or only by digest when null.
    /// </summary>
    public async Task<Manifest> PushLayersAsync(string repository, string? tag, ImageFormat format, IReadOnlyList<byte[]> layers,
        string architecture = "amd64", CancellationToken ct = default)
    {
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new JsonObject { ["Env"] = new JsonArray($"NONCE={_random.Next()}") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. layers.Select(l => JsonValue.Create(Manifest.DigestOf(l)))]) },
        }.ToJsonString());
        foreach (var blob in layers.Distinct().Append(config)) await registry.UploadBlobAsync(repository, Manifest.DigestOf(blob), blob, ct);

        var manifest = Json(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = format.Manifest,
            ["config"] = Descriptor(format.Config, config),
            ["layers"] = new JsonArray([.. layers.Select(l => Descriptor(format.Layer, l))]),
        }, format.Manifest);
        await registry.PutManifestAsync(repository, tag ?? manifest.Digest, manifest, ct);
        return manifest;
    }

    /// <summary>Writes an index (OCI) or manifest list (Docker) over manifests already in the repository.</summary>
    public async Task<Manifest> PushIndexAsync(string repository, string tag, ImageFormat format,
        IReadOnlyList<(Manifest Manifest, string Architecture)> children, CancellationToken ct = default)
    {
        var index = Json(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = format.Index,
            ["manifests"] = new JsonArray([.. children.Select(c => new JsonObject
            {
                ["mediaType"] = c.Manifest.MediaType,
                ["digest"] = c.Manifest.Digest,
                ["size"] = c.Manifest.Bytes.Length,
                ["platform"] = new JsonObject { ["architecture"] = c.Architecture, ["os"] = "linux" },
            })]),
        }, format.Index);
        await registry.PutManifestAsync(repository, tag, index, ct);
        return index;
    }

    /// <summary>An image manifest per architecture, then the index over them under <paramref name="tag"/>.</summary>
    public async Task<Manifest> PushMultiPlatformAsync(string repository, string tag, ImageFormat format, CancellationToken ct = default)
    {
        var amd64 = await PushImageAsync(repository, null, format, "amd64", ct: ct);
        var arm64 = await PushImageAsync(repository, null, format, "arm64", ct: ct);
        return await PushIndexAsync(repository, tag, format, [(amd64, "amd64"), (arm64, "arm64")], ct);
    }

    private byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) =>
        new() { ["mediaType"] = mediaType, ["digest"] = Manifest.DigestOf(content), ["size"] = content.Length };

    private static Manifest Json(JsonObject json, string mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        return new Manifest(bytes, mediaType, Manifest.DigestOf(bytes));
    }
}
