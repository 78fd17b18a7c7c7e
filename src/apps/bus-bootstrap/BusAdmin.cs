using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Slipway.Sample.Shared;

namespace Slipway.Sample.BusBootstrap;

/// <summary>
/// Declares the bus on RabbitMQ: the topic exchange, then per topic a durable queue of that name bound to the exchange
/// with the topic as routing key. Existence is checked first (a passive declare), so each line says what happened.
/// </summary>
public sealed class BusAdmin(BusSettings settings, TimeSpan wait) : IAsyncDisposable
{
    IConnection? _connection;

    public async Task EnsureAsync(IReadOnlyList<TopicDeclaration> topics, Report report, CancellationToken ct)
    {
        _connection = await Retry.ConnectAsync(() => settings.Factory("bus-bootstrap").CreateConnectionAsync(ct),
            $"the broker at {settings}", wait, ct);
        var exchangeExists = await ExistsAsync(c => c.ExchangeDeclarePassiveAsync(settings.Exchange, ct), ct);
        if (!exchangeExists)
            await WithChannelAsync(c => c.ExchangeDeclareAsync(settings.Exchange, ExchangeType.Topic, durable: true,
                autoDelete: false, cancellationToken: ct), ct);
        report.Add($"exchange {settings.Exchange} (topic)", exchangeExists ? Outcome.AlreadyExists : Outcome.Created);

        foreach (var topic in topics)
        {
            var exists = await ExistsAsync(c => c.QueueDeclarePassiveAsync(topic.Name, ct), ct);
            await WithChannelAsync(async c =>
            {
                if (!exists) await c.QueueDeclareAsync(topic.Name, durable: true, exclusive: false, autoDelete: false,
                    cancellationToken: ct);
                // binding is idempotent: an existing queue gets it back if it was removed
                await c.QueueBindAsync(topic.Name, settings.Exchange, topic.Name, cancellationToken: ct);
            }, ct);
            report.Add($"queue {topic.Name} (bound to {settings.Exchange} as {topic.Name}{Owners(topic.Components)})",
                exists ? Outcome.AlreadyExists : Outcome.Created);
        }
    }

    /// <summary>A passive declare answers 404 (and closes its channel) when the thing is missing.</summary>
    async Task<bool> ExistsAsync(Func<IChannel, Task> passiveDeclare, CancellationToken ct)
    {
        try
        {
            await WithChannelAsync(passiveDeclare, ct);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    async Task WithChannelAsync(Func<IChannel, Task> action, CancellationToken ct)
    {
        await using var channel = await _connection!.CreateChannelAsync(cancellationToken: ct);
        await action(channel);
    }

    static string Owners(IReadOnlyList<string> components) =>
        components.Count == 0 ? "" : $"; declared by {string.Join(", ", components)}";

    public async ValueTask DisposeAsync()
    {
        if (_connection != null) await _connection.DisposeAsync();
    }
}
