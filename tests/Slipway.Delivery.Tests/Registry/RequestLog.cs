using System.Collections.Concurrent;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>An HTTP handler that records each request a RegistryClient sends: method, path and body length.</summary>
internal sealed class RequestLog() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<(HttpMethod Method, string Path, long Length)> _requests = new();

    public IReadOnlyList<(HttpMethod Method, string Path, long Length)> Requests => [.. _requests];

    public IEnumerable<long> Lengths(HttpMethod method) => Requests.Where(r => r.Method == method).Select(r => r.Length);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        _requests.Enqueue((request.Method, request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentLength ?? 0));
        return await base.SendAsync(request, ct);
    }
}
