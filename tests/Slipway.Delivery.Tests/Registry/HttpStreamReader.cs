namespace Slipway.Delivery.Tests.Registry;

/// <summary>Reads HTTP/1.1 messages off a connection: a head, then a body copied by length, by chunks, or to the end.</summary>
internal sealed class HttpStreamReader(Stream stream)
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    /// <summary>The next message head; null when the peer closed the connection between messages.</summary>
    public async Task<HttpHead?> ReadHeadAsync(CancellationToken ct)
    {
        var head = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(ct))
                return head.Length == 0 ? null : throw new IOException("The connection closed inside a message head.");
            head.WriteByte(_buffer[_start++]);
            if (head.Length >= 4 && head.GetBuffer().AsSpan((int)head.Length - 4, 4).SequenceEqual(EndOfHead))
                return HttpHead.Parse(head.ToArray());
        }
    }

    /// <summary>Copies <paramref name="length"/> body bytes to <paramref name="destination"/> (or discards them when null).</summary>
    public async Task CopyAsync(Stream? destination, long length, CancellationToken ct)
    {
        while (length > 0)
        {
            if (_start == _end && !await FillAsync(ct)) throw new IOException("The connection closed inside a message body.");
            var count = (int)Math.Min(length, _end - _start);
            if (destination != null) await destination.WriteAsync(_buffer.AsMemory(_start, count), ct);
            _start += count;
            length -= count;
        }
    }

    /// <summary>Copies a chunked body, framing included, up to and including the last chunk and trailers.</summary>
    public async Task CopyChunkedAsync(Stream? destination, CancellationToken ct)
    {
        while (true)
        {
            var sizeLine = await ReadLineAsync(ct);
            await WriteAsync(destination, sizeLine, ct);
            var size = Convert.ToInt64(System.Text.Encoding.ASCII.GetString(sizeLine).Split(';')[0].Trim(), 16);
            if (size == 0) break;
            await CopyAsync(destination, size + 2, ct);
        }
        while (await ReadLineAsync(ct) is { } trailer)
        {
            await WriteAsync(destination, trailer, ct);
            if (trailer.Length == 2) return;
        }
    }

    /// <summary>Copies whatever comes until the peer closes (a body with neither length nor chunks).</summary>
    public async Task CopyToEndAsync(Stream? destination, CancellationToken ct)
    {
        while (_start < _end || await FillAsync(ct))
        {
            await WriteAsync(destination, _buffer[_start.._end], ct);
            _start = _end;
        }
    }

    private async Task<byte[]> ReadLineAsync(CancellationToken ct)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(ct)) throw new IOException("The connection closed inside a chunk header.");
            var b = _buffer[_start++];
            line.WriteByte(b);
            if (b == '\n') return line.ToArray();
        }
    }

    private static async Task WriteAsync(Stream? destination, byte[] bytes, CancellationToken ct)
    {
        if (destination != null) await destination.WriteAsync(bytes, ct);
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, ct);
        return _end > 0;
    }
}
