namespace Slipway.Sample.OrdersWorker;

/// <summary>
/// The worker's own settings: <c>Worker:Queue</c> (the queue it consumes, default <c>orders.created</c>, which the
/// bootstrap binds to that topic), <c>Worker:DeadLetterTopic</c> (where unreadable events go, default
/// <c>orders.dead-letter</c>) and <c>Worker:RetrySeconds</c> (wait before reconnecting or redelivering, default 2).
/// </summary>
public sealed record WorkerOptions(string Queue, string DeadLetterTopic, TimeSpan Retry)
{
    public static WorkerOptions From(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Worker:RetrySeconds", 2.0);
        if (seconds <= 0 || double.IsNaN(seconds))
            throw new InvalidOperationException($"Worker:RetrySeconds must be positive (got {seconds}).");
        return new WorkerOptions(
            configuration["Worker:Queue"] is { Length: > 0 } queue ? queue : "orders.created",
            configuration["Worker:DeadLetterTopic"] is { Length: > 0 } dead ? dead : "orders.dead-letter",
            TimeSpan.FromSeconds(seconds));
    }
}
