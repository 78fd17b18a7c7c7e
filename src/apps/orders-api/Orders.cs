namespace Slipway.Sample.OrdersApi;

/// <summary>An accepted order; <see cref="ProcessedAt"/> is set once orders-worker has handled its event.</summary>
public sealed record Order(Guid Id, string Customer, IReadOnlyList<OrderLine> Lines, decimal Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ProcessedAt = null);

/// <summary>One line of an order.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>The body of <c>POST /orders</c>.</summary>
public sealed record CreateOrderRequest(string? Customer, IReadOnlyList<OrderLineRequest>? Lines);

/// <summary>One line of <see cref="CreateOrderRequest"/>.</summary>
public sealed record OrderLineRequest(string? Sku, int Quantity, decimal UnitPrice);

/// <summary>The event published to the bus when an order is created (routing key <c>orders.created</c>).</summary>
public sealed record OrderCreated(Guid OrderId, string Customer, decimal Total, DateTimeOffset CreatedAt);
