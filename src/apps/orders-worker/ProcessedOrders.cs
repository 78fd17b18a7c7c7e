using Npgsql;

namespace Slipway.Sample.OrdersWorker;

/// <summary>The worker's table, <c>fulfilment.processed_orders</c> (bus-bootstrap's migrations create it).</summary>
public sealed class ProcessedOrders(NpgsqlDataSource database)
{
    /// <summary>Marks the order processed; true when this call did (a redelivered event changes nothing).</summary>
    public async Task<bool> MarkAsync(Guid orderId, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO fulfilment.processed_orders (order_id) VALUES ($1) ON CONFLICT (order_id) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = orderId });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM fulfilment.processed_orders");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
