using System.Collections.Concurrent;

namespace Slipway.Sample.OrdersApi;

/// <summary>In-memory order storage (the sample has no database client).</summary>
public sealed class OrderStore(TimeProvider clock)
{
    readonly ConcurrentDictionary<Guid, Order> _orders = new();

    public Order Add(string customer, IReadOnlyList<OrderLine> lines)
    {
        var order = new Order(Guid.NewGuid(), customer, lines, lines.Sum(l => l.Quantity * l.UnitPrice), clock.GetUtcNow());
        _orders[order.Id] = order;
        return order;
    }

    public Order? Find(Guid id) => _orders.GetValueOrDefault(id);

    public IReadOnlyList<Order> All() => _orders.Values.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).ToList();
}
