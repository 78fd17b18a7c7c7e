using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Slipway.Sample.OrdersApi;
using Slipway.Sample.OrdersWorker;
using Slipway.Sample.Tests.Support;
using Slipway.Sample.WebUi;
using Xunit;

namespace Slipway.Sample.Tests.Servers;

/// <summary>
/// The system end to end on the real servers: orders-api stores the order in PostgreSQL and publishes its event on
/// RabbitMQ, orders-worker consumes it and marks the order processed, web-ui shows it; readiness follows the servers.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(ServersCollection.Name)]
public sealed class OrderFlowTests(ServersFixture servers)
{
    [Fact]
    public async Task An_order_is_stored_published_processed_and_shown_by_the_web_ui()
    {
        var arguments = await servers.BootstrappedAppArgumentsAsync();
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, arguments);
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build, arguments);
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", Repo.AppDirectory("web-ui"),
            $"--WebUi:OrdersApi={api.BaseAddress}");
        await Wait.UntilAsync(Wait.Ready(api), "orders-api ready");
        await Wait.UntilAsync(Wait.Ready(worker), "orders-worker ready");
        await Wait.UntilAsync(Wait.Ready(ui), "web-ui ready");

        var created = await api.Client.PostAsJsonAsync("orders", new { customer = "Ada",
            lines = new[] { new { sku = "BOOK-1", quantity = 2, unitPrice = 12.5m } } });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await Wait.UntilAsync(async ()
            => (await api.Client.GetFromJsonAsync<JsonElement>($"orders/{id}")).GetProperty("processedAt").ValueKind == JsonValueKind.String,
            "the order marked processed by the worker");
        var page = await ui.Client.GetStringAsync("");
        page.Should().Contain($"<tr data-order=\"{id}\">").And.Contain("<td>Ada</td><td>1</td><td>25.00</td>").And.Contain("processed");
        (await ui.Client.GetStringAsync("api/orders")).Should().Contain(id);
        var status = await worker.Client.GetFromJsonAsync<JsonElement>("status");
        status.GetProperty("consuming").GetBoolean().Should().BeTrue();
        status.GetProperty("processedInDatabase").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task An_order_placed_through_the_web_ui_reaches_orders_api()
    {
        var arguments = await servers.BootstrappedAppArgumentsAsync();
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, arguments);
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", Repo.AppDirectory("web-ui"),
            $"--WebUi:OrdersApi={api.BaseAddress}");

        var created = await ui.Client.PostAsJsonAsync("api/orders", new { customer = "Grace",
            lines = new[] { new { sku = "PEN", quantity = 1, unitPrice = 2m } } });
        var invalid = await ui.Client.PostAsJsonAsync("api/orders", new { customer = "",
            lines = Array.Empty<object>() });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.Client.GetStringAsync("orders")).Should().Contain("Grace");
    }

    [Fact]
    public async Task Orders_api_is_not_ready_while_the_database_is_down_and_ready_again_after()
    {
        var arguments = await servers.BootstrappedAppArgumentsAsync();
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, arguments);
        await Wait.UntilAsync(Wait.Ready(api), "orders-api ready");

        (await servers.DockerAsync("pause", servers.DatabaseContainer)).ExitCode.Should().Be(0);
        try
        {
            // the probe's own timeout (1.5 s) answers, well within the pod's timeoutSeconds
            var started = DateTime.UtcNow;
            (await api.Client.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await servers.DockerAsync("unpause", servers.DatabaseContainer);
        }
        await Wait.UntilAsync(Wait.Ready(api), "orders-api ready again");
    }

    [Fact]
    public async Task Orders_api_is_not_ready_before_the_bootstrap_ran()
    {
        var environment = servers.Environment("t" + Guid.NewGuid().ToString("N")[..10]);
        environment["DATABASE__USER"] = "postgres";
        environment["DATABASE__PASSWORD"] = ServersFixture.AdminPassword;
        environment["DATABASE__NAME"] = "postgres";
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, ServersFixture.Arguments(environment));

        var response = await api.Client.GetAsync("healthz/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task The_worker_is_ready_only_once_it_consumes_its_queue()
    {
        var arguments = await servers.BootstrappedAppArgumentsAsync();
        await using var missing = await RunningApp.StartAsync(OrdersWorkerApp.Build, [.. arguments,
            "--Worker:Queue=no-such-queue", "--Worker:RetrySeconds=0.2"]);
        await using var worker = await RunningApp.StartAsync(OrdersWorkerApp.Build, arguments);

        await Wait.UntilAsync(Wait.Ready(worker), "orders-worker ready");
        (await missing.Client.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await missing.Client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await missing.Client.GetFromJsonAsync<JsonElement>("status")).GetProperty("consuming").GetBoolean().Should().BeFalse();
    }
}
