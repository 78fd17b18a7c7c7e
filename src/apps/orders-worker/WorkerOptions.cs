namespace Slipway.Sample.OrdersWorker;

/// <summary>
/// The worker's settings: <c>Worker:IntervalSeconds</c> (poll period, default 5), <c>Bus:Broker</c> and
/// <c>Bus:Topics</c> (<c>BUS__TOPICS=a,b</c> or <c>BUS__TOPICS__0=a</c>).
/// </summary>
public sealed record WorkerOptions(TimeSpan Interval, string? Broker, IReadOnlyList<string> Topics)
{
    public static WorkerOptions From(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Worker:IntervalSeconds", 5.0);
        if (seconds <= 0 || double.IsNaN(seconds))
            throw new InvalidOperationException($"Worker:IntervalSeconds must be positive (got {seconds}).");
        var topics = configuration.GetSection("Bus:Topics");
        IEnumerable<string?> raw = topics.Value is { } joined ? joined.Split(',', ';') : topics.GetChildren().Select(c => c.Value);
        var names = raw.Select(t => t?.Trim()).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).Distinct().ToList();
        var broker = configuration["Bus:Broker"];
        return new WorkerOptions(TimeSpan.FromSeconds(seconds), string.IsNullOrWhiteSpace(broker) ? null : broker, names);
    }
}
