using System.Diagnostics;
using Slipway.Engine;

namespace Slipway.Delivery.Locks;

/// <summary>
/// How long a run waits for a lock another run holds (<c>--lock-wait</c>, <c>--no-wait</c>): it says who holds it,
/// reports progress while it waits, and fails naming the holder when the time is up.
/// </summary>
public sealed class LockWaiter(TimeSpan limit)
{
    public static TimeSpan ProgressEvery { get; set; } = TimeSpan.FromSeconds(15);
    public static TimeSpan Poll { get; set; } = TimeSpan.FromMilliseconds(500);

    private readonly Stopwatch _waited = new();
    private TimeSpan _nextReport;

    public TimeSpan Limit => limit;

    /// <summary>Called each time <paramref name="what"/> is found busy: throws once no more waiting is allowed.
    /// </summary>
    public void StillBusy(string what, string holder)
    {
        if (limit <= TimeSpan.Zero)
            throw new LockBusyException($"{what} is held by {holder}: another run is using it, and this run does not " +
                                        "wait (--no-wait). Nothing was changed. Wait for it to end, or run with " +
                                        "--lock-wait <seconds>.");
        if (!_waited.IsRunning)
        {
            _waited.Start();
            Log.Warning($"{what} is held by {holder}: waiting for it (at most {Durations.Format(limit)}; " +
                        "--lock-wait <seconds> changes that, --no-wait fails at once)");
            _nextReport = ProgressEvery;
        }
        else if (_waited.Elapsed >= _nextReport)
        {
            Log.Information($"still waiting for {what} ({Durations.Format(_waited.Elapsed)} so far): held by {holder}");
            _nextReport += ProgressEvery;
        }
        if (_waited.Elapsed >= limit)
            throw new LockBusyException($"{what} is still held by {holder} after {Durations.Format(_waited.Elapsed)} " +
                                        "(--lock-wait). Nothing was changed. If that run is stuck, stop it (its " +
                                        "locks are freed when it ends) and run again.");
    }

    /// <summary>Once a lock was obtained after waiting, says so.</summary>
    public void Obtained(string what)
    {
        if (_waited.IsRunning) Log.Information($"{what} is free after {Durations.Format(_waited.Elapsed)}");
        _waited.Reset();
    }

    public Task PauseAsync(CancellationToken ct) => Task.Delay(Poll, ct);
}
