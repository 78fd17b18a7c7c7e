using FluentAssertions;
using Npgsql;
using RabbitMQ.Client;
using Slipway.Sample.BusBootstrap;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Servers;

/// <summary>The bootstrap Job's program against the real PostgreSQL and RabbitMQ images.</summary>
[Trait("Category", "LocalStack")]
[Collection(ServersCollection.Name)]
public sealed class BootstrapOnServersTests(ServersFixture servers)
{
    [Fact]
    public async Task It_creates_the_bus_and_the_database_then_finds_each_thing_there_on_the_next_run()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..10];
        var environment = servers.Environment(name);
        environment["BOOTSTRAP_DECLARATIONS"] = $$"""
            {"topics": [{"name": "{{name}}.created", "component": "orders-api"}, {"name": "{{name}}.created", "component": "orders-worker"}],
             "schemas": [{"name": "orders", "component": "orders-api"}, {"name": "fulfilment", "component": "orders-worker"}]}
            """;

        var first = await ServersFixture.BootstrapAsync(environment);
        var second = await ServersFixture.BootstrapAsync(environment);

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain($"exchange {name}.events (topic): created")
            .And.Contain($"queue {name}.created (bound to {name}.events as {name}.created; declared by orders-api, orders-worker): created")
            .And.Contain($"role {name}_app: created")
            .And.Contain($"database {name} (owner {name}_app): created")
            .And.Contain($"schema {name}.orders (declared by orders-api): created")
            .And.Contain("migration 0001_orders: applied").And.Contain("migration 0002_fulfilment: applied")
            .And.Contain("done: 6 created, 0 already existed, 2 migration(s) applied, 0 up to date");
        second.ExitCode.Should().Be(0, second.Error);
        second.Output.Should().NotContain(": created").And.NotContain(": applied")
            .And.Contain($"exchange {name}.events (topic): already exists")
            .And.Contain($"role {name}_app: already exists")
            .And.Contain("migration 0001_orders: up to date")
            .And.Contain("done: 0 created, 6 already existed, 0 migration(s) applied, 2 up to date");
        second.Output.Should().NotContain(ServersFixture.AdminPassword).And.NotContain("app-" + name);

        // what the servers hold: the queue bound to the exchange, the tables owned by the apps' role, which can log in
        await using var connection = await servers.Bus("unused").Factory("tests").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        (await channel.QueueDeclarePassiveAsync($"{name}.created")).QueueName.Should().Be($"{name}.created");
        await channel.BasicPublishAsync($"{name}.events", $"{name}.created", mandatory: true, new BasicProperties(),
            "probe"u8.ToArray());
        (await channel.BasicGetAsync($"{name}.created",
            autoAck: true))!.Body.ToArray().Should().Equal("probe"u8.ToArray());
        await using var app = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(servers.Admin(name))
            { Username = environment["DATABASE__USER"],
                Password = environment["DATABASE__PASSWORD"] }.ConnectionString);
        await app.OpenAsync();
        await using var owners = new NpgsqlCommand(
            "SELECT string_agg(schemaname || '.' || tablename || ':' || tableowner, ',' ORDER BY schemaname) FROM pg_tables " +
            "WHERE schemaname IN ('orders', 'fulfilment')", app);
        (await owners.ExecuteScalarAsync()).Should().Be($"fulfilment.processed_orders:{name}_app,orders.orders:{name}_app");
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_job_naming_it()
    {
        var environment = servers.Environment("t" + Guid.NewGuid().ToString("N")[..10]);
        environment["BOOTSTRAP_DECLARATIONS"] = """{"topics": ["orders.created"]}""";
        environment["BUS__BROKER"] = $"127.0.0.1:{Tool.FreePort()}";
        environment["BOOTSTRAP_WAIT_SECONDS"] = "0";

        var (code, _, error) = await ServersFixture.BootstrapAsync(environment);

        code.Should().Be(BootstrapCommand.Failed);
        error.Should().Contain("bus-bootstrap: failed: the broker at admin@127.0.0.1:").And.Contain("is not reachable");
    }
}
