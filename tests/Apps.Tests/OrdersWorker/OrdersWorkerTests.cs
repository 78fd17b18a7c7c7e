using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Sample.OrdersWorker;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.OrdersWorker;

public sealed class OrdersWorkerTests
{
    [Theory]
    [InlineData("healthz/live")]
    [InlineData("healthz/ready")]
    public async Task Health_endpoints_answer_200_once_the_consumer_polls(string path)
    {
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build, "--Worker:IntervalSeconds=0.1");

        var response = await Eventually(() => worker.Client.GetAsync(path), r => r.StatusCode == HttpStatusCode.OK);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_consumer_keeps_polling_the_configured_topics()
    {
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build,
            "--Worker:IntervalSeconds=0.05", "--Bus:Topics=orders.created,orders.dead-letter", "--Bus:Broker=broker:9092");

        var first = await Status(worker);
        await Eventually(() => Status(worker), s => s.GetProperty("polls").GetInt64() > first.GetProperty("polls").GetInt64() + 2);

        first.GetProperty("service").GetString().Should().Be("orders-worker");
        first.GetProperty("broker").GetString().Should().Be("broker:9092");
        first.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).Should().Equal("orders.created", "orders.dead-letter");
    }

    [Fact]
    public async Task Liveness_fails_once_the_consumer_loop_has_stopped()
    {
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build, "--Worker:IntervalSeconds=0.1");
        var consumer = worker.App.Services.GetRequiredService<OrderEventConsumer>();
        await Eventually(() => worker.Client.GetAsync("healthz/ready"), r => r.StatusCode == HttpStatusCode.OK);

        await consumer.StopAsync(CancellationToken.None);

        (await worker.Client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await worker.Client.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public void A_non_positive_interval_is_refused_with_the_key_named()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Worker:IntervalSeconds", "0")]).Build();

        var act = () => WorkerOptions.From(configuration);

        act.Should().Throw<InvalidOperationException>().WithMessage("*Worker:IntervalSeconds*");
    }

    static async Task<JsonElement> Status(RunningApp worker)
    {
        using var document = JsonDocument.Parse(await worker.Client.GetStringAsync("status"));
        return document.RootElement.Clone();
    }

    static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }
}
