using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;

namespace Slipway.Sample.Shared;

/// <summary>
/// Where the message bus is: section <c>Bus</c>, i.e. <c>BUS__BROKER</c> (<c>host[:port]</c>, default
/// <c>broker:5672</c>), <c>BUS__USER</c> (<c>admin</c>), <c>BUS__PASSWORD</c> (from a Secret), <c>BUS__EXCHANGE</c>
/// (the topic exchange events are published to, default <c>shop.events</c>) and <c>BUS__TOPICS</c>
/// (<c>a,b</c> or <c>BUS__TOPICS__0=a</c>: the routing keys a component declares).
/// </summary>
public sealed record BusSettings(string Host, int Port, string User, string? Password, string Exchange,
    IReadOnlyList<string> Topics)
{
    public const int AmqpPort = 5672;

    public static BusSettings From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Bus");
        var broker = Text(s["Broker"]) ?? $"broker:{AmqpPort}";
        var colon = broker.LastIndexOf(':');
        var (host, port) = colon > 0 && int.TryParse(broker[(colon + 1)..], out var p) ? (broker[..colon], p)
            : (broker, AmqpPort);
        var topics = s.GetSection("Topics");
        IEnumerable<string?> raw = topics.Value is { } joined ? joined.Split(',', ';') : topics.GetChildren().Select(c
            => c.Value);
        var names = raw.Select(t => t?.Trim()).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).Distinct().ToList();
        return new BusSettings(host, port, Text(s["User"]) ?? "admin", Text(s["Password"]), Text(s["Exchange"])
            ?? "shop.events", names);
    }

    /// <summary>A connection factory that recovers connections and consumers after a broker restart.</summary>
    public ConnectionFactory Factory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        UserName = User,
        Password = Password ?? "",
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>For logs: never the password.</summary>
    public override string ToString() => $"{User}@{Host}:{Port} exchange {Exchange}";

    static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
