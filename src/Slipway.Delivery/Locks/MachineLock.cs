using Slipway.Engine;

namespace Slipway.Delivery.Locks;

/// <summary>
/// A lock on this machine: an exclusive lock on a file, which the kernel frees when the process ends however it
/// ends (exit, crash, kill -9), so a lock is never left behind. Its holder is written beside it for others to name;
/// a holder file whose process is gone is how a crashed run is recognised.
/// </summary>
public sealed class MachineLock : IAsyncDisposable
{
    private readonly FileStream _lock;
    private readonly string _holderFile;
    private readonly string _what;

    private MachineLock(FileStream @lock, string holderFile, string what)
    {
        _lock = @lock;
        _holderFile = holderFile;
        _what = what;
    }

    /// <summary>Takes the lock <paramref name="file"/> (described to people as <paramref name="what"/>).</summary>
    public static async Task<MachineLock> AcquireAsync(AbsolutePath file, string what, LockHolder me,
        LockWaiter waiter, CancellationToken ct)
    {
        Directory.CreateDirectory(file.Parent);
        var holderFile = file + ".holder";
        while (true)
        {
            if (TryLock(file) is { } stream)
            {
                var previous = LockHolder.FromJson(ReadOrNull(holderFile));
                if (previous != null && previous.Pid != me.Pid)
                    Log.Warning($"{what}: its last holder ({previous.Describe()}) ended without releasing it " +
                                "(crashed or killed); taking it over");
                WriteAtomically(holderFile, me.ToJson());
                waiter.Obtained(what);
                return new MachineLock(stream, holderFile, what);
            }
            var holder = LockHolder.FromJson(ReadOrNull(holderFile));
            waiter.StillBusy(what, holder?.Describe() ?? "another process (it has not said which yet)");
            await waiter.PauseAsync(ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        try { File.Delete(_holderFile); }
        catch (IOException) { } // the lock is freed below all the same
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => _what;

    /// <summary>.NET takes flock(LOCK_EX) for FileShare.None: busy while any process holds it.</summary>
    private static FileStream? TryLock(string path)
    {
        try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException) { return null; }
    }

    private static string? ReadOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static void WriteAtomically(string path, string text)
    {
        var temporary = $"{path}.{System.Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
