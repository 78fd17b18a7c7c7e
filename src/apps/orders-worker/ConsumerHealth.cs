using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Slipway.Sample.OrdersWorker;

/// <summary>Liveness: the consumer loop has not ended (a dead loop gets the pod restarted).</summary>
public sealed class ConsumerLiveness(OrderEventConsumer consumer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.Stopped ? HealthCheckResult.Unhealthy("the consumer loop has stopped")
            : HealthCheckResult.Healthy());
}

/// <summary>Readiness: subscribed to its queue on an open channel.</summary>
public sealed class ConsumerReadiness(OrderEventConsumer consumer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.Consuming ? HealthCheckResult.Healthy($"{consumer.Processed} processed")
            : HealthCheckResult.Unhealthy("not consuming (broker unreachable or queue missing)"));
}
