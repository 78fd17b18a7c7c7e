using System.Net;
using System.Net.Sockets;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>
/// A TCP proxy in front of a real server that resets the first <c>resets</c> connections it takes (as a load balancer
/// dropping a connection would) and forwards the others byte for byte (TLS passes through untouched).
/// </summary>
internal sealed class ResettingTcpProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private int _resetsLeft;

    public ResettingTcpProxy(IPEndPoint target, int resets)
    {
        _target = target;
        _resetsLeft = resets;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            Connections++;
            if (Interlocked.Decrement(ref _resetsLeft) >= 0)
            {
                client.LingerState = new LingerOption(true, 0); // close with RST
                client.Close();
                continue;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            using var clientStream = new NetworkStream(client, ownsSocket: true);
            using var serverStream = new NetworkStream(server, ownsSocket: false);
            await Task.WhenAny(clientStream.CopyToAsync(serverStream, _stop.Token),
                serverStream.CopyToAsync(clientStream, _stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
