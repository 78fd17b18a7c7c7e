namespace Slipway.Delivery.Registry;

/// <summary>What a copy did: blobs moved (and their bytes), blobs already there, blobs mounted within a registry.</summary>
public sealed class CopyProgress
{
    private long _bytes;
    private int _copied, _skipped, _mounted;

    public long BytesCopied => Interlocked.Read(ref _bytes);
    public int BlobsCopied => _copied;
    public int BlobsSkipped => _skipped;
    public int BlobsMounted => _mounted;
    /// <summary>Called after each blob with the running totals.</summary>
    public Action<CopyProgress>? OnChange { get; init; }

    internal void Copied(long bytes) { Interlocked.Add(ref _bytes, bytes); Interlocked.Increment(ref _copied); OnChange?.Invoke(this); }
    internal void Skipped() { Interlocked.Increment(ref _skipped); OnChange?.Invoke(this); }
    internal void Mounted() { Interlocked.Increment(ref _mounted); OnChange?.Invoke(this); }
}
