using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Slipway.Sample.OrdersApi;

/// <summary>Readiness: the database answers and its orders table exists (the bootstrap ran).</summary>
public sealed class DatabaseReadiness(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT to_regclass('orders.orders') IS NOT NULL");
            return await command.ExecuteScalarAsync(cancellationToken) is true
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("table orders.orders is missing (has the bootstrap Job run?)");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.Message);
        }
    }
}

/// <summary>Readiness: the connection to the broker is open (opened here when it is not).</summary>
public sealed class BusReadiness(OrderEvents events) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await events.EnsureConnectedAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("broker unreachable: " + e.Message);
        }
    }
}
