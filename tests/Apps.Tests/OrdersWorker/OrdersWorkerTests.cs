using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Slipway.Sample.OrdersWorker;
using Slipway.Sample.Tests.Servers;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.OrdersWorker;

/// <summary>orders-worker on the real broker and database (the whole flow: <c>Servers/OrderFlowTests</c>).</summary>
[Trait("Category", "LocalStack")]
[Collection(ServersCollection.Name)]
public sealed class OrdersWorkerOnServersTests(ServersFixture servers)
{
    [Theory]
    [InlineData("healthz/live")]
    [InlineData("healthz/ready")]
    public async Task Health_endpoints_answer_200_once_it_consumes(string path)
    {
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build,
            await servers.BootstrappedAppArgumentsAsync());

        await Wait.UntilAsync(async () => (await worker.Client.GetAsync(path)).StatusCode == HttpStatusCode.OK,
            path + " 200");
    }

    [Fact]
    public async Task A_redelivered_event_is_processed_once_and_an_unreadable_one_is_dead_lettered()
    {
        var arguments = await servers.BootstrappedAppArgumentsAsync();
        var exchange = arguments.Single(a => a.StartsWith("--Bus:Exchange=",
            StringComparison.OrdinalIgnoreCase)).Split('=')[1];
        await using (var connection = await servers.Bus(exchange).Factory("tests").CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueuePurgeAsync("orders.dead-letter");
            var created = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { orderId = Guid.NewGuid(),
                customer = "a", total = 1m, createdAt = DateTimeOffset.UtcNow }));
            await channel.BasicPublishAsync(exchange, "orders.created", created);
            await channel.BasicPublishAsync(exchange, "orders.created", created);
            await channel.BasicPublishAsync(exchange, "orders.created", "not json"u8.ToArray());
        }
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build, arguments);

        await Wait.UntilAsync(async () => (await Status(worker)).GetProperty("deadLettered").GetInt64() == 1,
            "the unreadable event dead-lettered");
        var status = await Status(worker);
        status.GetProperty("processed").GetInt64().Should().Be(1);
        status.GetProperty("duplicates").GetInt64().Should().Be(1);
        status.GetProperty("processedInDatabase").GetInt64().Should().Be(1);
        await using var check = await servers.Bus(exchange).Factory("tests").CreateConnectionAsync();
        await using var read = await check.CreateChannelAsync();
        (await read.BasicGetAsync("orders.dead-letter",
            autoAck: true))!.Body.ToArray().Should().Equal("not json"u8.ToArray());
    }

    [Fact]
    public async Task Liveness_and_readiness_fail_once_the_consumer_loop_has_stopped()
    {
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build,
            await servers.BootstrappedAppArgumentsAsync());
        var consumer = worker.App.Services.GetRequiredService<OrderEventConsumer>();
        await Wait.UntilAsync(Wait.Ready(worker), "orders-worker ready");

        await consumer.StopAsync(CancellationToken.None);

        (await worker.Client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await worker.Client.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    internal static async Task<JsonElement> Status(RunningApp worker)
    {
        using var document = JsonDocument.Parse(await worker.Client.GetStringAsync("status"));
        return document.RootElement.Clone();
    }
}

/// <summary>What orders-worker decides before it reaches a server.</summary>
public sealed class OrdersWorkerTests
{
    [Fact]
    public async Task Without_a_broker_it_is_live_not_ready_and_says_so_in_its_status()
    {
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build,
            $"--Bus:Broker=127.0.0.1:{Tool.FreePort()}", "--Worker:RetrySeconds=0.2", "--Worker:Queue=orders.created");

        (await worker.Client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await worker.Client.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var status = await OrdersWorkerOnServersTests.Status(worker);
        status.GetProperty("consuming").GetBoolean().Should().BeFalse();
        status.GetProperty("queue").GetString().Should().Be("orders.created");
    }

    [Fact]
    public void A_non_positive_retry_delay_is_refused_with_the_key_named()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Worker:RetrySeconds", "0")]).Build();

        var act = () => WorkerOptions.From(configuration);

        act.Should().Throw<InvalidOperationException>().WithMessage("*Worker:RetrySeconds*");
    }
}
