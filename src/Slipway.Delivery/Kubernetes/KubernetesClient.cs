using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Delivery.Kubernetes;

/// <summary>
/// A small client for the Kubernetes API over HttpClient: JSON in, JSON out, typed errors carrying the API's message.
/// Paths are API paths (<c>/api/v1/namespaces/x/pods</c>); <see cref="KubernetesResources"/> builds them.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;

    public KubernetesClient(KubeConfig config)
    {
        Config = config;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = ValidatorFor(config),
                ClientCertificates = config.ClientCertificate is { } certificate ? [certificate] : null,
            },
        };
        _http = new HttpClient(handler) { BaseAddress = config.Server, Timeout = Timeout.InfiniteTimeSpan };
        if (config.Token != null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.Token);
        else if (config.Username != null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.Username}:{config.Password}")));
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
        using var response = await _http.GetAsync(path, ct);
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

    public async Task<JsonObject> CreateAsync(string path, JsonObject body, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json", ct))!;

    public async Task<JsonObject> ReplaceAsync(string path, JsonObject body, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json", ct))!;

    /// <summary>A JSON merge patch (RFC 7386).</summary>
    public async Task<JsonObject> MergePatchAsync(string path, JsonObject patch, CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Patch, path, patch.ToJsonString(), "application/merge-patch+json", ct))!;

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
        using var request = new HttpRequestMessage(HttpMethod.Get, path + query);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
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

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, string? body, string? contentType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new KubernetesException(0, "Unreachable", $"The Kubernetes API at {Config.Server} did not answer {method} {path}: {e.Message}");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw Error(method, path, response.StatusCode, text);
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
    }

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

    private static RemoteCertificateValidationCallback ValidatorFor(KubeConfig config)
    {
        if (config.InsecureSkipTlsVerify) return (_, _, _, _) => true;
        if (config.CertificateAuthorityPem == null) return (_, _, _, errors) => errors == SslPolicyErrors.None;
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(config.CertificateAuthorityPem);
        return (_, certificate, _, errors) =>
        {
            if (certificate == null) return false;
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }

    public void Dispose() => _http.Dispose();
}
