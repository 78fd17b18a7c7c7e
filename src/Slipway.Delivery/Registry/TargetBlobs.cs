using System.Collections.Concurrent;

namespace Slipway.Delivery.Registry;

/// <summary>
/// Which repository of the target registry already holds a blob, so the next image that needs it mounts it
/// (no bytes moved) instead of uploading it again. Shared by the copies of one relocation.
/// </summary>
public sealed class TargetBlobs
{
    private readonly ConcurrentDictionary<string, string> _repositoryByDigest = new();
    private readonly ConcurrentDictionary<string, Task> _uploads = new();

    /// <summary>
    /// Claims the upload of a blob: returns <paramref name="upload"/> when this copy should upload it, or the task of
    /// the copy already uploading it (wait for it, then mount).
    /// </summary>
    public Task Claim(string digest, Task upload) => _uploads.GetOrAdd(digest, upload);

    public void Record(string digest, string repository) => _repositoryByDigest.TryAdd(digest, repository);

    public string? RepositoryHolding(string digest) => _repositoryByDigest.GetValueOrDefault(digest);
}
