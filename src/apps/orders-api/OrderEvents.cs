namespace Slipway.Sample.OrdersApi;

/// <summary>
/// Publishes order events to the bus. Stand-in: the sample has no broker client, so publishing is a log line
/// naming the topic; an event whose topic is not declared in <c>Bus:Topics</c> is not published.
/// </summary>
public sealed class OrderEvents(BusOptions bus, ILogger<OrderEvents> logger)
{
    public const string CreatedTopic = "orders.created";

    public bool PublishCreated(Order order)
    {
        if (!bus.Topics.Contains(CreatedTopic))
        {
            logger.LogDebug("Topic {Topic} is not declared in Bus:Topics; order {OrderId} not published", CreatedTopic, order.Id);
            return false;
        }
        logger.LogInformation("Published order {OrderId} to {Topic} on {Broker}", order.Id, CreatedTopic, bus.Broker ?? "(no broker configured)");
        return true;
    }
}
