using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>
/// An HTTP/1.1 reverse proxy on 127.0.0.1 in front of a registry, injecting the faults its plan decides: 503 answers
/// and connections reset in the middle of a request or a response. Requests go through byte for byte (Host included,
/// so the registry's upload locations point back at the proxy); one upstream connection per client connection.
/// </summary>
internal sealed class FaultInjectingProxy : IAsyncDisposable
{
    private static readonly byte[] ServiceUnavailable = Response503();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly DnsEndPoint _upstream;
    private readonly IFaultPlan _plan;
    private readonly Task _accepting;

    /// <param name="upstream">The registry, host:port.</param>
    public FaultInjectingProxy(string upstream, IFaultPlan plan)
    {
        var uri = new Uri("http://" + upstream);
        _upstream = new DnsEndPoint(uri.Host, uri.Port);
        _plan = plan;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>host:port to give a RegistryClient instead of the registry's.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Every request received, in order, as "METHOD target".</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    private async Task AcceptAsync()
    {
        try
        {
            while (true) _connections.Add(ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token)));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var ct = _stop.Token;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_upstream.Host, _upstream.Port, ct);
            var toClient = client.GetStream();
            var toUpstream = upstream.GetStream();
            var fromClient = new HttpStreamReader(toClient);
            var fromUpstream = new HttpStreamReader(toUpstream);
            while (await fromClient.ReadHeadAsync(ct) is { } request)
            {
                _requests.Enqueue($"{request.Method} {request.Target}");
                var fault = _plan.Decide(request);
                var requestBody = request.ContentLength ?? 0;
                if (fault == Fault.Unavailable)
                {
                    if (request.IsChunked) await fromClient.CopyChunkedAsync(null, ct);
                    else await fromClient.CopyAsync(null, requestBody, ct);
                    await toClient.WriteAsync(ServiceUnavailable, ct);
                    continue;
                }
                await toUpstream.WriteAsync(request.Raw, ct);
                if (fault == Fault.DropRequest)
                {
                    await fromClient.CopyAsync(toUpstream, requestBody / 2, ct);
                    Reset(client, upstream);
                    return;
                }
                if (request.IsChunked) await fromClient.CopyChunkedAsync(toUpstream, ct);
                else await fromClient.CopyAsync(toUpstream, requestBody, ct);

                var response = await fromUpstream.ReadHeadAsync(ct) ?? throw new IOException("The registry closed the connection without answering.");
                await toClient.WriteAsync(response.Raw, ct);
                var hasBody = request.Method != "HEAD" && response.Status is >= 200 and not 204 and not 304;
                if (fault == Fault.DropResponse)
                {
                    if (hasBody && response.ContentLength is { } length) await fromUpstream.CopyAsync(toClient, length / 2, ct);
                    Reset(client, upstream);
                    return;
                }
                if (hasBody && !await RelayBodyAsync(response, fromUpstream, toClient, ct)) return;
                if (request.WantsClose || response.WantsClose) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Relays a response body; false when it ends with the connection (neither length nor chunks).</summary>
    private static async Task<bool> RelayBodyAsync(HttpHead response, HttpStreamReader from, Stream to, CancellationToken ct)
    {
        if (response.IsChunked) await from.CopyChunkedAsync(to, ct);
        else if (response.ContentLength is { } length) await from.CopyAsync(to, length, ct);
        else
        {
            await from.CopyToEndAsync(to, ct);
            return false;
        }
        return true;
    }

    /// <summary>Closes both connections with a reset (no orderly FIN): what a crashed load balancer looks like.</summary>
    private static void Reset(TcpClient client, TcpClient upstream)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        upstream.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
        upstream.Client.Close();
    }

    private static byte[] Response503()
    {
        var body = """{"errors":[{"code":"UNAVAILABLE","message":"fault injected by the test proxy"}]}""";
        return Encoding.ASCII.GetBytes($"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
