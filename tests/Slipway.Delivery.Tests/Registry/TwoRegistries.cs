using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>
/// The stack's two registries as a copy sees them: the open source registry and the client's, which wants a password.
/// Repositories are made unique per test (<c>tests/&lt;guid&gt;/…</c>); every call is bounded by one timeout.
/// </summary>
internal sealed class TwoRegistries(LocalStackFixture stack, TimeSpan? timeout = null) : IDisposable
{
    private readonly string _prefix = "tests/" + Guid.NewGuid().ToString("N")[..12];
    private readonly CancellationTokenSource _timeout = new(timeout ?? TimeSpan.FromMinutes(2));

    public RegistryClient Source { get; } = new(stack.Environment.Registry);
    public RegistryClient Target { get; } = new(stack.Environment.TargetRegistry, stack.Environment.TargetRegistryCredentials);
    public CancellationToken Token => _timeout.Token;

    public string Repository(string name) => $"{_prefix}/{name}";

    /// <summary>A client of the client registry with other settings (chunk size, handler, credentials).</summary>
    public RegistryClient TargetWith(RegistryCredentials? credentials = null, long? chunkSize = null, HttpMessageHandler? handler = null, string? address = null)
    {
        var registry = address ?? stack.Environment.TargetRegistry;
        credentials ??= stack.Environment.TargetRegistryCredentials;
        return chunkSize is { } size ? new RegistryClient(registry, credentials, handler) { ChunkSize = size } : new RegistryClient(registry, credentials, handler);
    }

    /// <summary>Whether the client registry holds every blob and child manifest an image or index needs, read with the right password.</summary>
    public async Task<bool> TargetHoldsAsync(string repository, Manifest manifest)
    {
        foreach (var blob in manifest.Blobs)
            if (!await Target.BlobExistsAsync(repository, blob.Digest, Token)) return false;
        foreach (var child in manifest.Children)
        {
            var copied = await Target.GetManifestAsync(repository, child.Digest, Token);
            if (copied == null || !await TargetHoldsAsync(repository, copied)) return false;
        }
        return true;
    }

    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        _timeout.Dispose();
    }
}
