using Slipway.Delivery.Registry;

namespace Slipway.Delivery.Containers;

/// <summary>
/// The Docker engine operations the build uses. Builds use the classic builder (no BuildKit). A failure the engine
/// reports only in its progress stream (a failed build step, a rejected push) throws like any other.
/// </summary>
public interface IDockerEngine : IDisposable
{
    DockerEndpoint Endpoint { get; }

    /// <summary>Null when the engine answers /_ping, else why not (unreachable, TLS refused…).</summary>
    Task<string?> PingAsync(CancellationToken ct = default);

    Task<DockerVersion> VersionAsync(CancellationToken ct = default);

    /// <summary>Image details, or null when the engine does not have the image.</summary>
    Task<DockerImage?> InspectImageAsync(string name, CancellationToken ct = default);

    /// <summary>Creates an image from a root file-system tarball (docker import).</summary>
    Task ImportAsync(Stream rootfsTar, string repository, string tag, CancellationToken ct = default);

    /// <summary>
    /// Builds an image from a tar context; returns its id. A failed step throws <see cref="DockerBuildException"/>.
    /// </summary>
    Task<string> BuildAsync(DockerBuildRequest request, Stream contextTar, Action<string>? onOutput = null,
        CancellationToken ct = default);

    Task TagAsync(string image, string repository, string tag, CancellationToken ct = default);

    /// <summary>Pushes one tag; returns the digest the engine reports.</summary>
    Task<string?> PushAsync(string repository, string tag, RegistryCredentials? credentials,
        Action<string>? onOutput = null, CancellationToken ct = default);

    /// <summary>Pulls one tag (or digest) from its registry.</summary>
    Task PullAsync(string repository, string reference, RegistryCredentials? credentials,
        Action<string>? onOutput = null, CancellationToken ct = default);

    /// <summary>Removes an image (forced); an image the engine does not have is no error.</summary>
    Task RemoveImageAsync(string name, CancellationToken ct = default);
}
