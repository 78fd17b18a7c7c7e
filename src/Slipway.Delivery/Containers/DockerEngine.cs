using System.Net;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Docker.DotNet.NativeHttp;
using Docker.DotNet.Unix;
using Docker.DotNet.X509;
using Slipway.Delivery.Registry;

namespace Slipway.Delivery.Containers;

/// <summary>
/// <see cref="IDockerEngine"/> over Docker.DotNet.Enhanced: a unix socket, or TCP (with TLS when the endpoint has it).
/// Connecting is bounded by <see cref="ConnectTimeout"/>; short calls by <see cref="RequestTimeout"/>; builds, pushes
/// and pulls by the caller's token only. Why this library, and its limits: README.md beside this file.
/// </summary>
public sealed class DockerEngine : IDockerEngine
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    private readonly DockerClient _client;
    private readonly DockerTlsMaterial? _tls;
    private readonly DockerFailures _failures;

    private DockerEngine(DockerEndpoint endpoint)
    {
        Endpoint = endpoint;
        _tls = endpoint.Tls is { } tls ? DockerTlsMaterial.Load(tls, endpoint) : null;
        _failures = new DockerFailures(endpoint, _tls, ConnectTimeout);
        var builder = new DockerClientBuilder().WithEndpoint(new Uri(endpoint.Host)).WithTimeout(RequestTimeout);
        if (_tls != null)
            builder = builder.WithAuthProvider(new CertificateCredentials(_tls.ClientCertificate)
            {
                ServerCertificateValidationCallback = _tls.ValidateServer,
            });
        _client = endpoint.IsUnixSocket
            ? builder.WithTransportOptions(new UnixSocketTransportOptions()).Build()
            : builder.WithTransportOptions(new NativeHttpTransportOptions
            {
                ConfigureHandler = handler => handler.ConnectTimeout = ConnectTimeout,
            }).Build();
    }

    public DockerEndpoint Endpoint { get; }

    /// <summary>A client for the engine at <paramref name="endpoint"/>; nothing is sent until the first call.</summary>
    public static IDockerEngine Connect(DockerEndpoint endpoint) => new DockerEngine(endpoint);

    public async Task<string?> PingAsync(CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await CallAsync("answer /_ping", () => _client.System.PingAsync(timeout.Token), ct);
            return null;
        }
        catch (DockerException e) when (!ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    public async Task<DockerVersion> VersionAsync(CancellationToken ct = default)
    {
        var version = await CallAsync("report its version", () => _client.System.GetVersionAsync(ct), ct);
        return new DockerVersion(version.Version, version.APIVersion, version.Os, version.Arch);
    }

    public Task<DockerImage?> InspectImageAsync(string name, CancellationToken ct = default) =>
        CallAsync($"inspect image {name}", async () =>
        {
            try
            {
                var image = await _client.Images.InspectImageAsync(name, ct);
                return new DockerImage(image.ID, [.. image.RepoTags ?? []], [.. image.RepoDigests ?? []],
                    new Dictionary<string, string>(image.Config?.Labels ?? new Dictionary<string, string>()));
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return (DockerImage?)null;
            }
        }, ct);

    public async Task ImportAsync(Stream rootfsTar, string repository, string tag, CancellationToken ct = default)
    {
        var what = $"import {repository}:{tag}";
        var progress = new StreamProgress(what, null);
        await CallAsync(what, () => _client.Images.CreateImageAsync(
            new ImagesCreateParameters { Repo = repository, Tag = tag }, rootfsTar, null, progress, ct), ct);
        progress.ThrowIfFailed();
    }

    public async Task<string> BuildAsync(DockerBuildRequest request, Stream contextTar, Action<string>? onOutput = null,
        CancellationToken ct = default)
    {
        var parameters = new ImageBuildParameters
        {
            Dockerfile = request.Dockerfile,
            Tags = [.. request.Tags],
            BuildArgs = new Dictionary<string, string>(request.BuildArgs),
            Labels = new Dictionary<string, string>(request.Labels),
            Target = request.Target,
            NetworkMode = request.NetworkMode,
            Pull = request.Pull ? "1" : null,
            Remove = true,
            ForceRemove = true,
            Version = "1", // the classic builder: the library cannot read BuildKit's progress stream
        };
        var headers = request.RegistryAuth.Count == 0 ? null
            : new Dictionary<string, string> { ["X-Registry-Config"] = RegistryConfigHeader(request.RegistryAuth) };
        var progress = new BuildProgress(onOutput);
        await CallAsync($"build {string.Join(", ", request.Tags)}", () =>
            _client.Images.BuildImageFromDockerfileAsync(parameters, contextTar, null, headers, progress, ct), ct);
        return progress.Result(request.Tags);
    }

    public Task TagAsync(string image, string repository, string tag, CancellationToken ct = default) =>
        CallAsync($"tag {image} as {repository}:{tag}", () =>
            _client.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct),
            ct);

    public async Task<string?> PushAsync(string repository, string tag, RegistryCredentials? credentials,
        Action<string>? onOutput = null, CancellationToken ct = default)
    {
        var what = $"push {repository}:{tag}";
        var progress = new StreamProgress(what, onOutput);
        await CallAsync(what, () => _client.Images.PushImageAsync(
            repository, new ImagePushParameters { Tag = tag }, Auth(repository, credentials), progress, ct), ct);
        progress.ThrowIfFailed();
        return progress.Digest;
    }

    public async Task PullAsync(string repository, string reference, RegistryCredentials? credentials,
        Action<string>? onOutput = null, CancellationToken ct = default)
    {
        var separator = reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":";
        var what = $"pull {repository}{separator}{reference}";
        var progress = new StreamProgress(what, onOutput);
        var parameters = new ImagesCreateParameters { FromImage = repository, Tag = reference };
        await CallAsync(what, () =>
            _client.Images.CreateImageAsync(parameters, Auth(repository, credentials), progress, ct), ct);
        progress.ThrowIfFailed();
    }

    public Task RemoveImageAsync(string name, CancellationToken ct = default) =>
        CallAsync($"remove image {name}", async () =>
        {
            try { await _client.Images.DeleteImageAsync(name, new ImageDeleteParameters { Force = true }, ct); }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { }
        }, ct);

    private static AuthConfig? Auth(string repository, RegistryCredentials? credentials) => credentials == null
        ? null
        : new AuthConfig
        {
            Username = credentials.Username, Password = credentials.Password, ServerAddress = repository.Split('/')[0],
        };

    /// <summary>
    /// X-Registry-Config, base64url as the engine decodes it (it silently drops a header it cannot decode; the library
    /// encodes this one as plain base64).
    /// </summary>
    private static string RegistryConfigHeader(IReadOnlyDictionary<string, RegistryCredentials> auth) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(auth.ToDictionary(a => a.Key,
                a => new { username = a.Value.Username, password = a.Value.Password, serveraddress = a.Key })))
            .Replace('+', '-').Replace('/', '_');

    private Task CallAsync(string what, Func<Task> call, CancellationToken ct) =>
        CallAsync(what, async () => { await call(); return true; }, ct);

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (DockerApiException e)
        {
            throw _failures.Refused(what, e);
        }
        catch (Exception e) when (DockerFailures.IsConnectionFailure(e, ct))
        {
            throw _failures.Unreachable(e);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _tls?.Dispose();
    }
}
