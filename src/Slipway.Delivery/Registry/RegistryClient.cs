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

    public RegistryClient(string registry, RegistryCredentials? credentials = null, HttpMessageHandler? handler = null,
        RegistryTimeouts? timeouts = null)
    {
        Registry = registry;
        Timeouts = timeouts ?? RegistryTimeouts.Default;
        var scheme = IsLoopback(registry) ? "http" : "https";
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = Timeouts.Connect,
        }, disposeHandler: true)
        {
            BaseAddress = new Uri($"{scheme}://{(registry == ImageReference.DockerHub ? "registry-1.docker.io" : registry)}/"),
            Timeout = Timeout.InfiniteTimeSpan, // each request has its own (TransportAsync)
        };
        _authenticator = new RegistryAuthenticator(_http, credentials);
        Credentials = credentials;
    }

    public string Registry { get; }
    public RegistryCredentials? Credentials { get; }
    public RegistryTimeouts Timeouts { get; }

    /// <summary>What chose this registry, for failures (e.g. "--registry, from command line --registry").</summary>
    public string? Origin { get; init; }

    /// <summary>GET /v2/: null when the registry answers (authenticated if needed), else why not.</summary>
    public async Task<string?> PingAsync(CancellationToken ct = default)
    {
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "v2/"), "", ct);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (RegistryException e) when (e.Code is RegistryException.Unreachable or RegistryException.NoAnswer)
        {
            return e.Message;
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
        var response = await TransportAsync(request, create, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Headers.Authorization != null && !IsRetryableAuth(response))
            return response;
        var header = await _authenticator.AnswerAsync(response, scope, ct);
        if (header == null) return response;
        response.Dispose();
        var retry = create();
        retry.Headers.Authorization = header;
        return await TransportAsync(retry, create, ct);
    }

    /// <summary>
    /// Sends within <see cref="Timeouts"/>: a request not answered in time is sent once more, then fails naming the
    /// registry; a connection that cannot be made fails naming it too (retried by <see cref="RegistryResilience"/>).
    /// </summary>
    private async Task<HttpResponseMessage> TransportAsync(HttpRequestMessage request, Func<HttpRequestMessage> create,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var limit = Timeouts.For(request);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(limit);
            try
            {
                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                if (attempt < Timeouts.Attempts)
                {
                    Slipway.Engine.Log.Warning($"registry {Registry} did not answer {request.Method} " +
                                               $"{PathOf(request)} within {limit.TotalSeconds:0} s: asking again");
                    var again = create();
                    again.Headers.Authorization = request.Headers.Authorization;
                    request = again;
                    continue;
                }
                throw new RegistryException($"registry {Registry} did not answer {request.Method} " +
                    $"{PathOf(request)} within {limit.TotalSeconds:0} s ({attempt} attempts). {Advice()}",
                    code: RegistryException.NoAnswer);
            }
            catch (Exception e) when (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError
                                              or HttpRequestError.NameResolutionError
                                              or HttpRequestError.SecureConnectionError }
                                          or System.Net.Sockets.SocketException
                                      && !ct.IsCancellationRequested)
            {
                throw new RegistryException($"registry {Registry} cannot be reached: {Reason(e)}. {Advice()}",
                    code: RegistryException.Unreachable, inner: e);
            }
        }
    }

    private static string PathOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : $"/{request.RequestUri}";

    private string Advice() =>
        $"Check that {Registry} is the registry meant" + (Origin != null ? $" (set by {Origin})" : "") +
        $" and that it is up; {RegistryTimeouts.ConnectVariable} and {RegistryTimeouts.ResponseVariable} " +
        $"(seconds) give it longer (now {Timeouts.Connect.TotalSeconds:0} s and {Timeouts.Response.TotalSeconds:0} s).";

    /// <summary>The innermost message: "Connection refused (127.0.0.1:5999)" rather than a wrapper's.</summary>
    private static string Reason(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e is TimeoutException or OperationCanceledException ? "the connection was not accepted in time"
            : e.Message.TrimEnd('.');
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

    public static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[1..registry.IndexOf(']')] : registry.Split(':')[0];
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    public void Dispose() => _http.Dispose();
}
