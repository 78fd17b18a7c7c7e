using System.Collections.Concurrent;
using Slipway.Delivery.Registry;

namespace Slipway.LocalStack.Node;

/// <summary>Whether an image can be pulled, as a kubelet would find out: by asking its registry (with the pod's pull secrets).</summary>
public sealed class ImageAvailability : IDisposable
{
    private readonly ConcurrentDictionary<string, RegistryClient> _clients = new();

    /// <summary>The manifest digest when the image exists, else the pull error a kubelet would report.</summary>
    public async Task<(string? Digest, string? Error)> CheckAsync(string image, IReadOnlyDictionary<string, RegistryCredentials> credentials, CancellationToken ct)
    {
        if (!ImageReference.TryParse(image, out var reference, out var parseError))
            return (null, $"InvalidImageName: {parseError}");
        var registryCredentials = credentials.GetValueOrDefault(reference!.Registry);
        var client = _clients.GetOrAdd($"{reference.Registry}|{registryCredentials?.Username}|{registryCredentials?.Password.GetHashCode()}",
            _ => new RegistryClient(reference.Registry, registryCredentials, new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3) }));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var manifest = await client.HeadManifestAsync(reference.Repository, reference.Reference, timeout.Token);
            return manifest == null
                ? (null, $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": {reference.Registry}/{reference.Repository}:{reference.Reference}: not found")
                : (manifest.Digest, null);
        }
        catch (RegistryException e)
        {
            return (null, $"rpc error: code = Unknown desc = failed to pull image \"{image}\": {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (null, $"rpc error: code = Unknown desc = failed to pull image \"{image}\": failed to resolve reference: {e.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
    }
}
