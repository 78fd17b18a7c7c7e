using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Slipway.Sample.OrdersWorker;

/// <summary>Liveness: the consumer loop runs and has beaten recently (a stalled loop gets the pod restarted).</summary>
public sealed class ConsumerLiveness(OrderEventConsumer consumer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.Stopped ? HealthCheckResult.Unhealthy("the consumer loop has stopped")
            : consumer.SinceLastBeat > consumer.StallAfter ? HealthCheckResult.Unhealthy($"the consumer loop has not polled for {consumer.SinceLastBeat.TotalSeconds:0}s")
            : HealthCheckResult.Healthy());
}

/// <summary>Readiness: the consumer has completed at least one poll and is not stalled.</summary>
public sealed class ConsumerReadiness(OrderEventConsumer consumer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.LastBeat is null ? HealthCheckResult.Unhealthy("no poll yet")
            : consumer.Stopped || consumer.SinceLastBeat > consumer.StallAfter ? HealthCheckResult.Unhealthy("the consumer loop is not polling")
            : HealthCheckResult.Healthy($"{consumer.Polls} polls"));
}
