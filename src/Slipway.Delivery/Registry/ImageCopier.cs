using Polly;

namespace Slipway.Delivery.Registry;

/// <summary>
/// Copies an image between repositories and registries by digest, without a daemon: every platform of an index,
/// only the blobs the target lacks (mounted when both repositories share a registry), the tag written last,
/// transient failures retried. The target's digest is the source's.
/// </summary>
public sealed class ImageCopier(RegistryClient source, RegistryClient target, ResiliencePipeline? resilience = null, TargetBlobs? targetBlobs = null)
{
    private readonly ResiliencePipeline _resilience = resilience ?? RegistryResilience.Default;
    private readonly bool _sameRegistry = source.Registry == target.Registry;
    private readonly TargetBlobs _targetBlobs = targetBlobs ?? new TargetBlobs();

    /// <summary>How many blobs of one image move at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Copies <paramref name="sourceRepository"/>:<paramref name="sourceReference"/> to <paramref name="targetRepository"/>:<paramref name="targetTag"/>.</summary>
    /// <param name="force">Overwrite a target tag that points at another digest (refused otherwise).</param>
    public async Task<CopyResult> CopyAsync(string sourceRepository, string sourceReference, string targetRepository, string targetTag,
        bool force = false, CopyProgress? progress = null, CancellationToken ct = default)
    {
        progress ??= new CopyProgress();
        // the source manifest and the target tag are read at the same time: neither depends on the other
        var manifestRead = _resilience.ExecuteAsync(async token => await source.GetManifestAsync(sourceRepository, sourceReference, token), ct).AsTask();
        var tagRead = _resilience.ExecuteAsync(async token => await target.HeadManifestAsync(targetRepository, targetTag, token), ct).AsTask();
        await Task.WhenAll(manifestRead, tagRead);
        var manifest = await manifestRead
            ?? throw new RegistryException($"{source.Registry}/{sourceRepository}:{sourceReference} does not exist: nothing to copy.", System.Net.HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");

        var existing = await tagRead;
        if (existing != null && existing.Digest == manifest.Digest)
            return new CopyResult(manifest.Digest, manifest.Digest, AlreadyPresent: true);
        if (existing != null && !force)
            throw new RegistryException(
                $"{target.Registry}/{targetRepository}:{targetTag} already points at {existing.Digest}, not {manifest.Digest}. " +
                "Tags are immutable: use a new tag, or pass --force to overwrite it.", code: "TAG_INVALID");

        await CopyContentAsync(sourceRepository, targetRepository, manifest, progress, ct);
        var written = await _resilience.ExecuteAsync(async token => await target.PutManifestAsync(targetRepository, targetTag, manifest, token), ct);
        return new CopyResult(manifest.Digest, written, AlreadyPresent: false);
    }

    /// <summary>Everything a manifest needs, then the manifest by digest (children of an index).</summary>
    private async Task CopyContentAsync(string sourceRepository, string targetRepository, Manifest manifest, CopyProgress progress, CancellationToken ct)
    {
        foreach (var child in manifest.Children)
        {
            var childManifest = await _resilience.ExecuteAsync(async token => await source.GetManifestAsync(sourceRepository, child.Digest, token), ct)
                ?? throw new RegistryException($"{source.Registry}/{sourceRepository} lacks {child.Digest} ({child.Platform}) that its index names.");
            await CopyContentAsync(sourceRepository, targetRepository, childManifest, progress, ct);
            await _resilience.ExecuteAsync(async token => await target.PutManifestAsync(targetRepository, child.Digest, childManifest, token), ct);
        }
        // a layer can repeat (identical empty layers): copy each digest once
        await Parallel.ForEachAsync(manifest.Blobs.DistinctBy(b => b.Digest), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (blob, token) => await _resilience.ExecuteAsync(async inner => await CopyBlobAsync(sourceRepository, targetRepository, blob, progress, inner), token));
    }

    private async Task CopyBlobAsync(string sourceRepository, string targetRepository, Descriptor blob, CopyProgress progress, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            // across registries one copy of a relocation moves a blob; the others wait for it and mount it, asking nothing first
            if (!_sameRegistry && _targetBlobs.Claim(blob.Digest, done.Task) is { } other && other != done.Task)
            {
                try { await other.WaitAsync(ct); } catch (Exception) when (!ct.IsCancellationRequested) { }
                var holder = _targetBlobs.RepositoryHolding(blob.Digest);
                if (holder == targetRepository)
                {
                    progress.Skipped();
                    return;
                }
                if (holder != null && await target.MountBlobAsync(targetRepository, blob.Digest, holder, ct))
                {
                    _targetBlobs.Record(blob.Digest, targetRepository);
                    progress.Mounted();
                    return;
                }
            }
            if (await target.BlobExistsAsync(targetRepository, blob.Digest, ct))
            {
                _targetBlobs.Record(blob.Digest, targetRepository);
                progress.Skipped();
                return;
            }
            if (_sameRegistry && sourceRepository != targetRepository && await target.MountBlobAsync(targetRepository, blob.Digest, sourceRepository, ct))
            {
                _targetBlobs.Record(blob.Digest, targetRepository);
                progress.Mounted();
                return;
            }
            // streamed from source to target as it arrives: reading overlaps writing, and no blob is held in memory
            using var response = await source.GetBlobAsync(sourceRepository, blob.Digest, ct);
            var length = response.Content.Headers.ContentLength ?? blob.Size;
            await using var bytes = await response.Content.ReadAsStreamAsync(ct);
            await target.UploadBlobAsync(targetRepository, blob.Digest, bytes, length, ct);
            _targetBlobs.Record(blob.Digest, targetRepository);
            progress.Copied(length);
        }
        finally
        {
            done.TrySetResult();
        }
    }
}

/// <summary>The digest copied and the digest the target confirmed (always equal), or that the tag was already there.</summary>
public sealed record CopyResult(string SourceDigest, string TargetDigest, bool AlreadyPresent);
