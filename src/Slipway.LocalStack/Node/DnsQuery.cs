using System.Net;
using System.Net.Sockets;

namespace Slipway.LocalStack.Node;

/// <summary>One DNS A query over UDP to a given server (.NET's resolver cannot be pointed at a server).</summary>
public static class DnsQuery
{
    /// <summary>The first IPv4 address in the answer, or null (no answer, no record, or no server).</summary>
    public static async Task<IPAddress?> ResolveAsync(string server, string name, CancellationToken ct)
    {
        var query = new List<byte> { 0x53, 0x17, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            query.Add((byte)label.Length);
            query.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        query.AddRange([0, 0, 1, 0, 1]);
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await udp.SendAsync(query.ToArray(), new IPEndPoint(IPAddress.Parse(server), 53), timeout.Token);
            var reply = (await udp.ReceiveAsync(timeout.Token)).Buffer;
            return FirstAddress(reply, query.Count);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static IPAddress? FirstAddress(byte[] reply, int questionEnd)
    {
        if (reply.Length < 12 || (reply[3] & 0x0f) != 0) return null;
        var answers = (reply[6] << 8) | reply[7];
        var offset = questionEnd;
        for (var i = 0; i < answers && offset + 12 <= reply.Length; i++)
        {
            offset += (reply[offset] & 0xc0) == 0xc0 ? 2 : SkipName(reply, offset);
            var type = (reply[offset] << 8) | reply[offset + 1];
            var length = (reply[offset + 8] << 8) | reply[offset + 9];
            offset += 10;
            if (type == 1 && length == 4 && offset + 4 <= reply.Length) return new IPAddress(reply.AsSpan(offset, 4));
            offset += length;
        }
        return null;
    }

    private static int SkipName(byte[] reply, int offset)
    {
        var start = offset;
        while (offset < reply.Length && reply[offset] != 0) offset += reply[offset] + 1;
        return offset - start + 1;
    }
}
