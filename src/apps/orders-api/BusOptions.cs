namespace Slipway.Sample.OrdersApi;

/// <summary>
/// The message-bus settings: <c>Bus:Broker</c> and <c>Bus:Topics</c>, i.e. the environment variables
/// <c>BUS__BROKER</c> and either <c>BUS__TOPICS=a,b</c> or <c>BUS__TOPICS__0=a</c>, <c>BUS__TOPICS__1=b</c>. All optional.
/// </summary>
public sealed record BusOptions(string? Broker, IReadOnlyList<string> Topics)
{
    public static BusOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Bus");
        var topics = section.GetSection("Topics");
        IEnumerable<string?> raw = topics.Value is { } joined
            ? joined.Split(',', ';')
            : topics.GetChildren().Select(c => c.Value);
        var names = raw.Select(t => t?.Trim()).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).Distinct().ToList();
        var broker = section["Broker"];
        return new BusOptions(string.IsNullOrWhiteSpace(broker) ? null : broker, names);
    }
}
