using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Delivery.Registry;

namespace Slipway.Delivery.Containers;

/// <summary>
/// A small client for the Docker Engine API (v1.41) over DOCKER_HOST: a unix socket (<c>unix:///path</c>) or tcp.
/// </summary>
public sealed class DockerEngineClient : IDisposable
{
    public const string ApiVersion = "v1.41";
    private readonly HttpClient _http;

    public DockerEngineClient(string dockerHost)
    {
        DockerHost = dockerHost;
        if (dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            var socket = dockerHost["unix://".Length..];
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                        return new NetworkStream(connection, ownsSocket: true);
                    }
                    catch
                    {
                        connection.Dispose();
                        throw;
                    }
                },
            };
            _http = new HttpClient(handler) { BaseAddress = new Uri($"http://localhost/{ApiVersion}/") };
        }
        else if (dockerHost.StartsWith("tcp://", StringComparison.Ordinal) || dockerHost.StartsWith("http://", StringComparison.Ordinal))
            _http = new HttpClient { BaseAddress = new Uri($"http://{new Uri(dockerHost).Authority}/{ApiVersion}/") };
        else
            throw new DockerException($"DOCKER_HOST '{dockerHost}' is not supported: use unix:///path/to/docker.sock or tcp://host:port.");
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public string DockerHost { get; }

    /// <summary>Null when the engine answers /_ping with OK, else why not.</summary>
    public async Task<string?> PingAsync(CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var text = await _http.GetStringAsync("_ping", timeout.Token);
            return text == "OK" ? null : $"unexpected answer '{text}'";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or SocketException && !ct.IsCancellationRequested)
        {
            return $"unreachable at {DockerHost}: {e.Message}";
        }
    }

    public async Task<JsonObject> VersionAsync(CancellationToken ct = default) => (await GetJsonAsync("version", ct))!.AsObject();

    /// <summary>Image details, or null when the engine does not have the image.</summary>
    public async Task<JsonObject?> InspectImageAsync(string name, CancellationToken ct = default)
    {
        using var response = await _http.GetAsync($"images/{Uri.EscapeDataString(name)}/json", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, $"inspect image {name}", ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
    }

    /// <summary>Creates an image from a root file-system tarball (docker import).</summary>
    public async Task ImportAsync(Stream rootfsTar, string repository, string tag, CancellationToken ct = default)
    {
        using var content = new StreamContent(rootfsTar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await _http.PostAsync($"images/create?fromSrc=-&repo={Uri.EscapeDataString(repository)}&tag={Uri.EscapeDataString(tag)}", content, ct);
        await EnsureSuccessAsync(response, $"import {repository}:{tag}", ct);
        await ReadProgressAsync(response, $"import {repository}:{tag}", null, ct);
    }

    /// <summary>Builds an image with the classic builder from a tar context; returns the image id.</summary>
    public async Task<string> BuildAsync(DockerBuildRequest request, Stream contextTar, Action<string>? onOutput = null, CancellationToken ct = default)
    {
        var query = new List<string> { "dockerfile=" + Uri.EscapeDataString(request.Dockerfile), "rm=1", "forcerm=1" };
        query.AddRange(request.Tags.Select(t => "t=" + Uri.EscapeDataString(t)));
        if (request.BuildArgs.Count > 0) query.Add("buildargs=" + Uri.EscapeDataString(JsonSerializer.Serialize(request.BuildArgs)));
        if (request.Labels.Count > 0) query.Add("labels=" + Uri.EscapeDataString(JsonSerializer.Serialize(request.Labels)));
        if (request.Target != null) query.Add("target=" + Uri.EscapeDataString(request.Target));
        if (request.NetworkMode != null) query.Add("networkmode=" + Uri.EscapeDataString(request.NetworkMode));
        if (request.Pull) query.Add("pull=1");
        using var message = new HttpRequestMessage(HttpMethod.Post, "build?" + string.Join('&', query))
        {
            Content = new StreamContent(contextTar),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        if (request.RegistryAuth.Count > 0)
            message.Headers.Add("X-Registry-Config", EncodeAuth(request.RegistryAuth.ToDictionary(
                a => a.Key, a => new { username = a.Value.Username, password = a.Value.Password })));
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        await EnsureSuccessAsync(response, $"build {string.Join(", ", request.Tags)}", ct);

        string? imageId = null, step = null;
        var tail = new Queue<string>();
        await foreach (var line in ReadJsonLinesAsync(response, ct))
        {
            if (line["stream"]?.GetValue<string>() is { } text)
            {
                foreach (var part in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (part.StartsWith("Step ", StringComparison.Ordinal)) step = part.Trim();
                    if (part.StartsWith("Successfully built ", StringComparison.Ordinal)) imageId ??= part["Successfully built ".Length..].Trim();
                    tail.Enqueue(part);
                    if (tail.Count > 15) tail.Dequeue();
                    onOutput?.Invoke(part.TrimEnd());
                }
            }
            if (line["aux"]?["ID"]?.GetValue<string>() is { } id) imageId = id;
            if (line["error"]?.GetValue<string>() is { } error)
                throw new DockerBuildException(
                    $"Docker build of {string.Join(", ", request.Tags)} failed at {step ?? "the start"}: {error.Trim()}", step);
        }
        return imageId ?? throw new DockerBuildException($"Docker build of {string.Join(", ", request.Tags)} ended without an image id. Last output:\n{string.Join('\n', tail)}", step);
    }

    public async Task TagAsync(string image, string repository, string tag, CancellationToken ct = default)
    {
        using var response = await _http.PostAsync($"images/{Uri.EscapeDataString(image)}/tag?repo={Uri.EscapeDataString(repository)}&tag={Uri.EscapeDataString(tag)}", null, ct);
        await EnsureSuccessAsync(response, $"tag {image} as {repository}:{tag}", ct);
    }

    /// <summary>Pushes one tag; returns the digest the engine reports.</summary>
    public async Task<string?> PushAsync(string repository, string tag, RegistryCredentials? credentials, Action<string>? onOutput = null, CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"images/{Uri.EscapeDataString(repository)}/push?tag={Uri.EscapeDataString(tag)}");
        message.Headers.Add("X-Registry-Auth", EncodeAuth(credentials == null
            ? new { }
            : new { username = credentials.Username, password = credentials.Password, serveraddress = repository.Split('/')[0] }));
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        await EnsureSuccessAsync(response, $"push {repository}:{tag}", ct);
        return await ReadProgressAsync(response, $"push {repository}:{tag}", onOutput, ct);
    }

    /// <summary>Pulls one tag (or digest) from its registry.</summary>
    public async Task PullAsync(string repository, string reference, RegistryCredentials? credentials, Action<string>? onOutput = null, CancellationToken ct = default)
    {
        var separator = reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":";
        using var message = new HttpRequestMessage(HttpMethod.Post,
            $"images/create?fromImage={Uri.EscapeDataString(repository + separator + reference)}");
        message.Headers.Add("X-Registry-Auth", EncodeAuth(credentials == null
            ? new { }
            : new { username = credentials.Username, password = credentials.Password, serveraddress = repository.Split('/')[0] }));
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        await EnsureSuccessAsync(response, $"pull {repository}{separator}{reference}", ct);
        await ReadProgressAsync(response, $"pull {repository}{separator}{reference}", onOutput, ct);
    }

    public async Task RemoveImageAsync(string name, CancellationToken ct = default)
    {
        using var response = await _http.DeleteAsync($"images/{Uri.EscapeDataString(name)}?force=1", ct);
        if (response.StatusCode != HttpStatusCode.NotFound) await EnsureSuccessAsync(response, $"remove image {name}", ct);
    }

    /// <summary>Reads a progress stream; fails on an error line; returns the digest when one is reported.</summary>
    private static async Task<string?> ReadProgressAsync(HttpResponseMessage response, string what, Action<string>? onOutput, CancellationToken ct)
    {
        string? digest = null;
        await foreach (var line in ReadJsonLinesAsync(response, ct))
        {
            if (line["error"]?.GetValue<string>() is { } error) throw new DockerException($"Docker could not {what}: {error.Trim()}");
            if (line["aux"]?["Digest"]?.GetValue<string>() is { } reported) digest = reported;
            if (line["status"]?.GetValue<string>() is { } status && line["progressDetail"]?["current"] == null)
                onOutput?.Invoke(line["id"] is { } id ? $"{id}: {status}" : status);
        }
        return digest;
    }

    private static async IAsyncEnumerable<JsonObject> ReadJsonLinesAsync(HttpResponseMessage response,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.Length > 0 && JsonNode.Parse(line) is JsonObject node)
                yield return node;
    }

    private async Task<JsonNode?> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        await EnsureSuccessAsync(response, "GET " + path, ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
    }

    private static string EncodeAuth(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).Replace('+', '-').Replace('/', '_');

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        string message;
        try { message = JsonNode.Parse(body)?["message"]?.GetValue<string>() ?? body; }
        catch (JsonException) { message = body; }
        throw new DockerException($"Docker could not {what}: {(int)response.StatusCode} {message.Trim()}", response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
