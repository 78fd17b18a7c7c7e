using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Slipway.Sample.Shared;

namespace Slipway.Sample.OrdersWorker;

/// <summary>The <c>orders.created</c> event, as orders-api publishes it.</summary>
public sealed record OrderCreated(Guid OrderId, string? Customer, decimal Total, DateTimeOffset CreatedAt);

/// <summary>
/// Consumes <see cref="WorkerOptions.Queue"/> and marks each order processed in PostgreSQL, acknowledging only then.
/// An unreadable event is republished to the dead-letter topic; a database error redelivers the event later.
/// The connection recovers by itself after a broker restart; until the first subscription it retries.
/// </summary>
public sealed class OrderEventConsumer(BusSettings bus, WorkerOptions options, ProcessedOrders store,
    ILogger<OrderEventConsumer> logger)
    : BackgroundService
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    IChannel? _channel;
    long _processed, _duplicates, _deadLettered, _failures;

    /// <summary>Subscribed and the channel is open (readiness).</summary>
    public bool Consuming => _channel is { IsOpen: true } && !Stopped;

    /// <summary>True once the loop has ended (stopped or faulted).</summary>
    public bool Stopped => ExecuteTask is { IsCompleted: true };

    public long Processed => Interlocked.Read(ref _processed);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);
    public long Failures => Interlocked.Read(ref _failures);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IConnection? connection = null;
            try
            {
                connection = await bus.Factory("orders-worker").CreateConnectionAsync(stoppingToken);
                var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                await channel.BasicQosAsync(0, 10, false, stoppingToken);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
                await channel.BasicConsumeAsync(options.Queue, autoAck: false, consumer, stoppingToken);
                _channel = channel;
                logger.LogInformation("Consuming {Queue} on {Bus}", options.Queue, bus);
                // the client recovers the connection and this subscription after a broker restart
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Cannot consume {Queue} on {Bus} yet: {Error}; retrying in {Retry}", options.Queue,
                    bus, e.Message, options.Retry);
                _channel = null;
                if (connection != null) await connection.DisposeAsync();
                connection = null;
                await Task.Delay(options.Retry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                if (connection != null && stoppingToken.IsCancellationRequested) await connection.DisposeAsync();
            }
        }
    }

    async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        OrderCreated? created = null;
        try
        {
            created = JsonSerializer.Deserialize<OrderCreated>(delivery.Body.Span, Json);
        }
        catch (JsonException)
        {
        }
        if (created is null || created.OrderId == Guid.Empty)
        {
            logger.LogWarning("Unreadable event {MessageId} on {Queue}: sent to {DeadLetter}",
                delivery.BasicProperties.MessageId, options.Queue, options.DeadLetterTopic);
            await channel.BasicPublishAsync(bus.Exchange, options.DeadLetterTopic, false,
                new BasicProperties(delivery.BasicProperties), delivery.Body, ct);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
            Interlocked.Increment(ref _deadLettered);
            return;
        }
        try
        {
            if (await store.MarkAsync(created.OrderId, ct)) Interlocked.Increment(ref _processed);
            else Interlocked.Increment(ref _duplicates);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
            logger.LogInformation("Order {OrderId} processed", created.OrderId);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Interlocked.Increment(ref _failures);
            logger.LogWarning("Order {OrderId} not processed ({Error}); redelivering in {Retry}", created.OrderId,
                e.Message, options.Retry);
            await Task.Delay(options.Retry, ct);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, ct);
        }
    }
}
