using System.Collections.Concurrent;

namespace Slipway.Delivery.Registry;

/// <summary>
/// Which repository of the target registry already holds a blob, so the next image that needs it mounts it
/// (no bytes moved) instead of uploading it again. Shared by the copies of one relocation.
/// </summary>
public sealed class TargetBlobs
{
    private readonly ConcurrentDictionary<string, string> _repositoryByDigest = new();

    public void Record(string digest, string repository) => _repositoryByDigest.TryAdd(digest, repository);

    public string? RepositoryHolding(string digest) => _repositoryByDigest.GetValueOrDefault(digest);
}
