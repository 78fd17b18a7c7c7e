using System.Text.Json;
using Npgsql;

namespace Slipway.Sample.OrdersApi;

/// <summary>
/// Orders in PostgreSQL: table <c>orders.orders</c> (bus-bootstrap's migrations create it); the processed state is
/// <c>fulfilment.processed_orders</c>, which orders-worker writes.
/// </summary>
public sealed class OrderStore(NpgsqlDataSource database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    const string Select = """
        SELECT o.id, o.customer, o.lines::text, o.total, o.created_at, p.processed_at
        FROM orders.orders o LEFT JOIN fulfilment.processed_orders p ON p.order_id = o.id
        """;

    /// <summary>
    /// Inserts the order, then runs <paramref name="publish"/> before committing: an order whose event the broker
    /// did not confirm is not stored.
    /// </summary>
    public async Task<Order> AddAsync(string customer, IReadOnlyList<OrderLine> lines, Func<Order, Task> publish,
        CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO orders.orders (id, customer, lines, total) " +
            "VALUES ($1, $2, $3::jsonb, $4) RETURNING created_at",
            connection, transaction);
        var id = Guid.NewGuid();
        var total = lines.Sum(l => l.Quantity * l.UnitPrice);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = customer });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(lines, Json) });
        insert.Parameters.Add(new NpgsqlParameter { Value = total });
        var createdAt = new DateTimeOffset((DateTime)(await insert.ExecuteScalarAsync(ct))!, TimeSpan.Zero);
        var order = new Order(id, customer, lines, total, createdAt);
        await publish(order);
        await transaction.CommitAsync(ct);
        return order;
    }

    public async Task<Order?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var command = database.CreateCommand(Select + " WHERE o.id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Order>> AllAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(Select + " ORDER BY o.created_at, o.id");
        return await ReadAsync(command, ct);
    }

    static async Task<IReadOnlyList<Order>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var orders = new List<Order>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            orders.Add(new Order(
                reader.GetGuid(0),
                reader.GetString(1),
                JsonSerializer.Deserialize<List<OrderLine>>(reader.GetString(2), Json) ?? [],
                reader.GetDecimal(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
                reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
        return orders;
    }
}
