namespace Slipway.Delivery.Registry;

/// <summary>
/// The next <c>length</c> bytes of a stream, read through without buffering, as one request body of a chunked upload.
/// Leaves the stream open; a stream that ends early is an error (the request must not look complete).
/// </summary>
internal sealed class StreamWindow(Stream inner, long length) : Stream
{
    private long _remaining = length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0) return 0;
        return Consumed(inner.Read(buffer[..Limit(buffer.Length)]));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (_remaining == 0) return 0;
        return Consumed(await inner.ReadAsync(buffer[..Limit(buffer.Length)], ct));
    }

    private int Limit(int wanted) => (int)Math.Min(wanted, _remaining);

    private int Consumed(int read)
    {
        if (read == 0) throw new IOException($"The blob stream ended {_remaining} bytes early.");
        _remaining -= read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
