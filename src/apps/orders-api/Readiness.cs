using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Slipway.Sample.OrdersApi;

/// <summary>
/// Readiness: the database answers and its orders table exists (the bootstrap ran). A server that does not answer
/// (e.g. stopped mid-connection) fails the check after <see cref="Timeout"/>, however long the client would wait.
/// </summary>
public sealed class DatabaseReadiness(NpgsqlDataSource database) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await CheckAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"the database did not answer within {Timeout.TotalSeconds} s");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.Message);
        }
    }

    async Task<HealthCheckResult> CheckAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT to_regclass('orders.orders') IS NOT NULL");
        return await command.ExecuteScalarAsync(ct) is true
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("table orders.orders is missing (has the bootstrap Job run?)");
    }
}

/// <summary>Readiness: the connection to the broker is open (opened here when it is not).</summary>
public sealed class BusReadiness(OrderEvents events) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await events.EnsureConnectedAsync(cancellationToken).WaitAsync(DatabaseReadiness.Timeout,
                cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (TimeoutException)
        {
            var seconds = DatabaseReadiness.Timeout.TotalSeconds;
            return HealthCheckResult.Unhealthy($"the broker did not answer within {seconds} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("broker unreachable: " + e.Message);
        }
    }
}
