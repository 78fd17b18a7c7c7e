using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Delivery.Kubernetes;

/// <summary>
/// The Kubernetes API as JSON in, JSON out, with typed errors carrying the API's message, over KubernetesClient's
/// authenticated transport (its TLS handler and credential providers: tokens, certificates, exec plugins, OIDC).
/// Paths are API paths (<c>/api/v1/namespaces/x/pods</c>); <see cref="KubernetesResources"/> builds them.
/// JSON rather than the library's typed models: deploys handle arbitrary rendered kinds, and no model is loaded.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly k8s.Kubernetes _library;
    private readonly string _server;

    /// <summary>Each request (but a watch) that has not answered within this time fails, naming the API server.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public KubernetesClient(KubeConfig config)
    {
        Config = config;
        _library = new k8s.Kubernetes(config.Client);
        _server = config.Client.Host.TrimEnd('/');
    }

    public KubeConfig Config { get; }

    public async Task<JsonObject> GetAsync(string path, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Get, path, null, null, ct))!;

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonObject?> TryGetAsync(string path, CancellationToken ct = default)
    {
        try { return await GetAsync(path, ct); }
        catch (KubernetesException e) when (e.IsNotFound) { return null; }
    }

    public async Task<string> GetTextAsync(string path, CancellationToken ct = default)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, ct);
        using var response = await SendWithinTimeoutAsync(request, HttpMethod.Get, path, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw Error(HttpMethod.Get, path, response.StatusCode, text);
        return text;
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string path, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
    {
        var query = Query(("labelSelector", labelSelector), ("fieldSelector", fieldSelector));
        var list = await GetAsync(path + query, ct);
        return list["items"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
    }

    public async Task<JsonObject> CreateAsync(string path, JsonObject body, CancellationToken ct = default,
        string? fieldManager = null) =>
        (await SendAsync(HttpMethod.Post, path + Query(("fieldManager", fieldManager)), body.ToJsonString(),
            "application/json", ct))!;

    public async Task<JsonObject> ReplaceAsync(string path, JsonObject body, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json", ct))!;

    /// <summary>A JSON merge patch (RFC 7386).</summary>
    public async Task<JsonObject> MergePatchAsync(string path, JsonObject patch, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Patch, path, patch.ToJsonString(), "application/merge-patch+json", ct))!;

    /// <summary>An RFC 6902 JSON Patch: exact edits of lists, which a merge patch can only replace whole.</summary>
    public async Task<JsonObject> JsonPatchAsync(string path, JsonArray operations, string? fieldManager = null,
        CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Patch, path + Query(("fieldManager", fieldManager)), operations.ToJsonString(),
            "application/json-patch+json", ct))!;

    /// <summary>Server-side apply of a whole object, owned by <paramref name="fieldManager"/>.</summary>
    public async Task<JsonObject> ApplyAsync(string path, JsonObject body, string fieldManager = "slipway", bool force = true, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Patch, path + Query(("fieldManager", fieldManager), ("force", force ? "true" : null)),
            body.ToJsonString(), "application/apply-patch+yaml", ct))!;

    /// <summary>Deletes; returns false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(string path, string? propagationPolicy = "Background", CancellationToken ct = default)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, path + Query(("propagationPolicy", propagationPolicy)), null, null, ct);
            return true;
        }
        catch (KubernetesException e) when (e.IsNotFound) { return false; }
    }

    /// <summary>Streams watch events (ADDED, MODIFIED, DELETED) from a list path until cancelled or the server closes.</summary>
    public async IAsyncEnumerable<(string Type, JsonObject Object)> WatchAsync(string path, string? resourceVersion = null,
        int timeoutSeconds = 300, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var query = Query(("watch", "true"), ("resourceVersion", resourceVersion), ("timeoutSeconds", timeoutSeconds.ToString()), ("allowWatchBookmarks", "false"));
        using var request = await RequestAsync(HttpMethod.Get, path + query, ct);
        using var response = await _library.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw Error(HttpMethod.Get, path, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            var node = JsonNode.Parse(line)!.AsObject();
            var type = node["type"]!.GetValue<string>();
            if (type == "ERROR") throw Error(HttpMethod.Get, path, HttpStatusCode.Gone, node["object"]!.ToJsonString());
            yield return (type, node["object"]!.AsObject());
        }
    }

    public async Task<JsonObject> VersionAsync(CancellationToken ct = default) => await GetAsync("/version", ct);

    /// <summary>How many times a read or delete is sent when the connection fails or the server is overloaded.</summary>
    public int Attempts { get; init; } = 3;

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, string? body, string? contentType,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // a read or a delete may be sent again; a write could be applied twice
            var again = attempt < Attempts && (method == HttpMethod.Get || method == HttpMethod.Delete);
            using var request = await RequestAsync(method, path, ct);
            if (body != null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            HttpResponseMessage response;
            try
            {
                response = await SendWithinTimeoutAsync(request, method, path, ct);
            }
            catch (KubernetesException e) when (again && e.Reason == "Unreachable")
            {
                await PauseBeforeAsync(attempt, e.Message, ct);
                continue;
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
                var error = Error(method, path, response.StatusCode, text);
                if (!again || !IsTransient(response.StatusCode)) throw error;
                await PauseBeforeAsync(attempt, error.Message, ct);
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static Task PauseBeforeAsync(int attempt, string why, CancellationToken ct)
    {
        Slipway.Engine.Log.Debug($"{why}: sending it again");
        return Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct);
    }

    /// <summary>A request to the server's path (kept behind a proxy prefix), authenticated as the kubeconfig says.</summary>
    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, new Uri(_server + path));
        if (_library.Credentials is { } credentials)
        {
            try { await credentials.ProcessHttpRequestAsync(request, ct); }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or HttpRequestException)
            {
                request.Dispose();
                throw new KubernetesConfigException($"Credentials for {Config.Server} (context {Config.ContextName}) " +
                                                    $"could not be obtained: {e.Message}");
            }
        }
        if (!string.IsNullOrEmpty(Config.Client.TlsServerName)) request.Headers.Host = Config.Client.TlsServerName;
        return request;
    }

    private async Task<HttpResponseMessage> SendWithinTimeoutAsync(HttpRequestMessage request, HttpMethod method, string path,
        CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            return await _library.HttpClient.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new KubernetesException(HttpStatusCode.RequestTimeout, "Timeout", $"The Kubernetes API at {Config.Server} " +
                $"did not answer {method} {path} within {RequestTimeout.TotalSeconds:0} s (context {Config.ContextName}).");
        }
        // a connection reset as it opens can escape as the SocketException itself (ConnectAsync reads RemoteEndPoint)
        catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException)
        {
            throw new KubernetesException(0, "Unreachable", $"The Kubernetes API at {Config.Server} (context " +
                $"{Config.ContextName}) did not answer {method} {path}: {Innermost(e).Message}");
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private static KubernetesException Error(HttpMethod method, string path, HttpStatusCode status, string body)
    {
        string? reason = null, message = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject statusObject)
            {
                reason = statusObject["reason"]?.GetValue<string>();
                message = statusObject["message"]?.GetValue<string>();
            }
        }
        catch (JsonException) { }
        message ??= body.Length > 300 ? body[..300] : body;
        return new KubernetesException(status, reason, $"Kubernetes API {method} {path} → {(int)status} {reason ?? status.ToString()}: {message}");
    }

    private static string Query(params (string Key, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value != null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    public void Dispose() => _library.Dispose();
}
