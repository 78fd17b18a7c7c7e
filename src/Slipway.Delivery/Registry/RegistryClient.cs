using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Slipway.Delivery.Registry;

/// <summary>
/// A client for one OCI distribution registry (HTTP API v2). Loopback registries are spoken to over plain HTTP,
/// as Docker does; others over HTTPS.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    /// <summary>Every manifest type Slipway understands, for Accept headers.</summary>
    public static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly HttpClient _http;
    private readonly RegistryAuthenticator _authenticator;

    public RegistryClient(string registry, RegistryCredentials? credentials = null, HttpMessageHandler? handler = null)
    {
        Registry = registry;
        var scheme = IsLoopback(registry) ? "http" : "https";
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            BaseAddress = new Uri($"{scheme}://{(registry == ImageReference.DockerHub ? "registry-1.docker.io" : registry)}/"),
            Timeout = TimeSpan.FromMinutes(10),
        };
        _authenticator = new RegistryAuthenticator(_http, credentials);
        Credentials = credentials;
    }

    public string Registry { get; }
    public RegistryCredentials? Credentials { get; }

    /// <summary>GET /v2/: null when the registry answers (authenticated if needed), else why not.</summary>
    public async Task<string?> PingAsync(CancellationToken ct = default)
    {
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "v2/"), "", ct);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            return $"unreachable: {e.Message}";
        }
    }

    /// <summary>HEAD of a manifest by tag or digest; null when the registry does not have it.</summary>
    public async Task<ManifestInfo?> HeadManifestAsync(string repository, string reference, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, repository, reference), PullScope(repository), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, $"HEAD manifest {repository}:{reference}", ct);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
        return new ManifestInfo(digest ?? "", response.Content.Headers.ContentType?.MediaType ?? "", response.Content.Headers.ContentLength ?? 0);
    }

    /// <summary>The repository's tags (empty when the repository does not exist).</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/tags/list"), PullScope(repository), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        await EnsureSuccessAsync(response, $"list tags of {repository}", ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        return body?["tags"]?.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).ToList() ?? [];
    }

    private static HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, $"v2/{repository}/manifests/{reference}");
        foreach (var type in ManifestMediaTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return request;
    }

    internal static string PullScope(string repository) => $"repository:{repository}:pull";
    internal static string PushScope(string repository) => $"repository:{repository}:pull,push";

    /// <summary>Sends with the cached credentials for the scope; on a 401 answers the challenge once and sends again.</summary>
    internal async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string scope, CancellationToken ct)
    {
        var request = create();
        request.Headers.Authorization = _authenticator.Cached(scope);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Headers.Authorization != null && !IsRetryableAuth(response))
            return response;
        var header = await _authenticator.AnswerAsync(response, scope, ct);
        if (header == null) return response;
        response.Dispose();
        var retry = create();
        retry.Headers.Authorization = header;
        return await _http.SendAsync(retry, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <summary>A 401 despite cached credentials is worth one more answer only for a new Bearer scope.</summary>
    private static bool IsRetryableAuth(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.Any(c => c.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));

    internal async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        string? code = null, message = null;
        if (response.Content.Headers.ContentLength is not 0)
        {
            try
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
                var error = body?["errors"]?.AsArray().FirstOrDefault();
                code = error?["code"]?.GetValue<string>();
                message = error?["message"]?.GetValue<string>();
            }
            catch (System.Text.Json.JsonException) { }
        }
        var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " Check the registry credentials." : "";
        throw new RegistryException(
            $"Registry {Registry} refused {what}: {(int)response.StatusCode} {code ?? response.ReasonPhrase}{(message != null ? " — " + message : "")}.{hint}",
            response.StatusCode, code);
    }

    internal static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[1..registry.IndexOf(']')] : registry.Split(':')[0];
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    public void Dispose() => _http.Dispose();
}
