using System.Text.Json;
using RabbitMQ.Client;
using Slipway.Sample.Shared;

namespace Slipway.Sample.OrdersApi;

/// <summary>
/// Publishes order events to the bus's topic exchange, the routing key being the topic (<c>orders.created</c>), and
/// waits for the broker's confirmation. An event whose topic is not declared in <c>Bus:Topics</c> is not published.
/// </summary>
public sealed class OrderEvents(BusSettings bus, ILogger<OrderEvents> logger) : IAsyncDisposable
{
    public const string CreatedTopic = "orders.created";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly SemaphoreSlim _lock = new(1, 1);
    IConnection? _connection;
    IChannel? _channel;

    /// <summary>Whether the connection to the broker is open (readiness).</summary>
    public bool Connected => _connection is { IsOpen: true } && _channel is { IsOpen: true };

    /// <summary>Publishes <c>orders.created</c>; throws when the broker is unreachable or does not confirm
    /// it.</summary>
    public async Task<bool> PublishCreatedAsync(Order order, CancellationToken ct)
    {
        if (!bus.Topics.Contains(CreatedTopic))
        {
            logger.LogDebug("Topic {Topic} is not declared in Bus:Topics; order {OrderId} not published", CreatedTopic,
                order.Id);
            return false;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new OrderCreated(order.Id, order.Customer, order.Total,
            order.CreatedAt), Json);
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = order.Id.ToString(),
            Type = CreatedTopic,
        };
        await _lock.WaitAsync(ct);
        try
        {
            var channel = await ChannelAsync(ct);
            // mandatory: an event no queue is bound for comes back as an error instead of vanishing
            await channel.BasicPublishAsync(bus.Exchange, CreatedTopic, mandatory: true, properties, body, ct);
        }
        finally
        {
            _lock.Release();
        }
        logger.LogInformation("Published order {OrderId} to {Exchange} ({Topic})", order.Id, bus.Exchange,
            CreatedTopic);
        return true;
    }

    /// <summary>Opens the connection if needed (readiness calls it too, so a pod is ready only once the broker is
    /// reached).</summary>
    public async Task EnsureConnectedAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await ChannelAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true }) return _channel;
        if (_connection is not { IsOpen: true })
        {
            if (_connection != null) await _connection.DisposeAsync();
            _connection = await bus.Factory("orders-api").CreateConnectionAsync(ct);
            logger.LogInformation("Connected to the bus at {Bus}", bus);
        }
        if (_channel != null) await _channel.DisposeAsync();
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                ct);
        return _channel;
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel != null) await _channel.DisposeAsync();
        if (_connection != null) await _connection.DisposeAsync();
        _lock.Dispose();
    }
}
