namespace Slipway.Sample.OrdersApi;

/// <summary>An accepted order.</summary>
public sealed record Order(Guid Id, string Customer, IReadOnlyList<OrderLine> Lines, decimal Total, DateTimeOffset CreatedAt);

/// <summary>One line of an order.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>The body of <c>POST /orders</c>.</summary>
public sealed record CreateOrderRequest(string? Customer, IReadOnlyList<OrderLineRequest>? Lines);

/// <summary>One line of <see cref="CreateOrderRequest"/>.</summary>
public sealed record OrderLineRequest(string? Sku, int Quantity, decimal UnitPrice);
