using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>
/// Publishes what DockerBuild decided: rebuilt images are pushed through the engine; reused ones are tagged
/// registry-side (the manifest of their inputs tag written under the new tags). Every tag's digest is then read
/// back through the registry API.
/// </summary>
public sealed class ImagePusher(IDockerEngine docker, RegistryClient registry)
{
    public async Task<BuiltImage> PushAsync(BuiltImage image, CancellationToken ct)
    {
        string digest;
        if (image.Rebuilt)
        {
            foreach (var tag in image.Tags) await RefuseMovingAsync(image, tag, null, ct);
            string? pushed = null;
            foreach (var tag in image.Tags.Append(image.InputsTag))
                pushed = await docker.PushAsync($"{image.Registry}/{image.Repository}", tag, registry.Credentials,
                    line => Log.Debug($"{image.Component}: {line}"), ct) ?? pushed;
            digest = pushed ?? (await registry.HeadManifestAsync(image.Repository, image.InputsTag, ct))?.Digest
                ?? throw new RegistryException($"{image.Component}: pushed, but {image.Reference(image.InputsTag)} is not in the registry.");
        }
        else
        {
            var manifest = await registry.GetManifestAsync(image.Repository, image.InputsTag, ct)
                ?? throw new RegistryException($"{image.Component}: {image.Reference(image.InputsTag)} vanished from the registry since DockerBuild: run DockerBuild again.");
            foreach (var tag in image.Tags)
            {
                await RefuseMovingAsync(image, tag, manifest.Digest, ct);
                await registry.PutManifestAsync(image.Repository, tag, manifest, ct);
            }
            digest = manifest.Digest;
        }

        foreach (var tag in image.Tags.Append(image.InputsTag))
        {
            var confirmed = await registry.HeadManifestAsync(image.Repository, tag, ct);
            if (confirmed?.Digest != digest)
                throw new RegistryException($"{image.Component}: the registry reports {image.Reference(tag)} as {confirmed?.Digest ?? "missing"}, expected {digest}.");
        }
        Log.Information($"{image.Component}: {(image.Rebuilt ? "pushed" : "tagged registry-side")} {string.Join(", ", image.Tags.Select(image.Reference))} = {digest}");
        return image with { Digest = digest };
    }

    /// <summary>A release tag never moves to other content; -dirty tags (local builds) may.</summary>
    private async Task RefuseMovingAsync(BuiltImage image, string tag, string? newDigest, CancellationToken ct)
    {
        if (tag.EndsWith("-dirty", StringComparison.Ordinal)) return;
        var existing = await registry.HeadManifestAsync(image.Repository, tag, ct);
        if (existing == null || existing.Digest == newDigest) return;
        if (newDigest == null)
        {
            var inputs = await registry.HeadManifestAsync(image.Repository, image.InputsTag, ct);
            if (inputs?.Digest == existing.Digest) return;
        }
        throw new RegistryException(
            $"{image.Component}: {image.Reference(tag)} already exists as {existing.Digest} with other content. Image tags are immutable: " +
            "this commit was already built differently (a non-reproducible build?). Delete the tag in the registry deliberately, or build a new commit.");
    }
}
