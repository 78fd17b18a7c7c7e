namespace Slipway.Sample.OrdersWorker;

/// <summary>
/// Consumes order events. Stand-in: the sample has no broker client, so each poll of each subscribed topic is a
/// heartbeat and a log line.
/// </summary>
public sealed class OrderEventConsumer(WorkerOptions options, TimeProvider clock, ILogger<OrderEventConsumer> logger)
    : BackgroundService
{
    readonly DateTimeOffset _createdAt = clock.GetUtcNow();
    long _polls;
    long _lastBeatTicks;

    /// <summary>Number of completed polls since start.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>When the loop last completed a poll, or null before the first one.</summary>
    public DateTimeOffset? LastBeat => Interlocked.Read(ref _lastBeatTicks) is var t && t == 0 ? null : new DateTimeOffset(t, TimeSpan.Zero);

    /// <summary>True once the loop has ended (stopped or faulted).</summary>
    public bool Stopped => ExecuteTask is { IsCompleted: true };

    /// <summary>How long since the last beat (or since creation, before the first one) the loop counts as stalled.</summary>
    public TimeSpan StallAfter => options.Interval * 3 + TimeSpan.FromSeconds(5);

    /// <summary>Time since the last beat, or since creation before the first one.</summary>
    public TimeSpan SinceLastBeat => clock.GetUtcNow() - (LastBeat ?? _createdAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Consuming {Topics} from {Broker} every {Interval}",
            options.Topics.Count == 0 ? "(no topics)" : string.Join(", ", options.Topics), options.Broker ?? "(no broker configured)", options.Interval);
        using var timer = new PeriodicTimer(options.Interval, clock);
        do
        {
            foreach (var topic in options.Topics) logger.LogDebug("Polled {Topic}: no message", topic);
            Interlocked.Increment(ref _polls);
            Interlocked.Exchange(ref _lastBeatTicks, clock.GetUtcNow().UtcTicks);
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
