using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Slipway.Sample.OrdersApi;
using Slipway.Sample.Tests.Servers;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.OrdersApi;

/// <summary>orders-api on the real database and broker (its readiness and the flow: <c>Servers/OrderFlowTests</c>).</summary>
[Trait("Category", "LocalStack")]
[Collection(ServersCollection.Name)]
public sealed class OrdersApiOnServersTests(ServersFixture servers)
{
    [Theory]
    [InlineData("healthz/live")]
    [InlineData("healthz/ready")]
    public async Task Health_endpoints_answer_200_once_started_with_the_servers_reachable(string path)
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, await servers.BootstrappedAppArgumentsAsync());

        var response = await api.Client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task An_order_posted_is_stored_and_can_be_read_back_and_listed()
    {
        var arguments = await servers.BootstrappedAppArgumentsAsync();
        await using (var first = await RunningApp.StartAsync(OrdersApiApp.Build, arguments))
            (await first.Client.GetFromJsonAsync<List<Order>>("orders")).Should().BeEmpty();
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, arguments);

        var created = await api.Client.PostAsJsonAsync("orders", new
        {
            customer = "Léa",
            lines = new[] { new { sku = "BOOK-1", quantity = 2, unitPrice = 12.5m }, new { sku = "PEN-9", quantity = 1, unitPrice = 3m } },
        });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var order = await created.Content.ReadFromJsonAsync<Order>();
        order!.Customer.Should().Be("Léa");
        order.Total.Should().Be(28m);
        order.Lines.Should().HaveCount(2);
        created.Headers.Location!.ToString().Should().Be($"/orders/{order.Id}");

        var read = await api.Client.GetFromJsonAsync<Order>($"orders/{order.Id}");
        read.Should().BeEquivalentTo(order);

        var all = await api.Client.GetFromJsonAsync<List<Order>>("orders");
        all!.Select(o => o.Id).Should().Equal(order.Id);
    }

    [Fact]
    public async Task Orders_are_listed_in_creation_order()
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, await servers.BootstrappedAppArgumentsAsync());
        var ids = new List<Guid>();
        foreach (var customer in new[] { "a", "b", "c" })
        {
            var response = await api.Client.PostAsJsonAsync("orders", new { customer, lines = new[] { new { sku = "X", quantity = 1, unitPrice = 1m } } });
            ids.Add((await response.Content.ReadFromJsonAsync<Order>())!.Id);
        }

        var all = await api.Client.GetFromJsonAsync<List<Order>>("orders");

        all!.Select(o => o.Id).Should().Equal(ids);
    }

    [Fact]
    public async Task An_unknown_order_is_404()
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, await servers.BootstrappedAppArgumentsAsync());

        (await api.Client.GetAsync($"orders/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

/// <summary>What orders-api decides before it reaches a server: validation, configuration, liveness.</summary>
public sealed class OrdersApiTests
{
    [Fact]
    public async Task It_is_live_but_not_ready_when_no_server_answers()
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, NoServers);

        (await api.Client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Client.GetAsync("healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>Servers on ports nothing listens on.</summary>
    static string[] NoServers => [$"--Database:Host=127.0.0.1", $"--Database:Port={Tool.FreePort()}", $"--Bus:Broker=127.0.0.1:{Tool.FreePort()}"];

    [Fact]
    public async Task An_invalid_order_is_rejected_with_the_faults_named()
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build);

        var response = await api.Client.PostAsJsonAsync("orders", new { customer = " ", lines = new[] { new { sku = "", quantity = 0, unitPrice = -1m } } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.GetProperty("customer").EnumerateArray().Should().ContainSingle();
        errors.GetProperty("lines[0]").EnumerateArray().Select(e => e.GetString()).Should()
            .BeEquivalentTo("sku is required.", "quantity must be positive.", "unitPrice must not be negative.");
    }

    [Fact]
    public async Task An_order_without_lines_is_rejected()
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build);

        var response = await api.Client.PostAsJsonAsync("orders", new { customer = "a", lines = Array.Empty<object>() });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("at least one line");
    }

    [Fact]
    public async Task The_line_limit_comes_from_configuration()
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, "--Orders:MaxLines=1");

        var response = await api.Client.PostAsJsonAsync("orders", new
        {
            customer = "a",
            lines = new[] { new { sku = "X", quantity = 1, unitPrice = 1m }, new { sku = "Y", quantity = 1, unitPrice = 1m } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("at most 1 lines");
    }

    [Fact]
    public async Task The_base_layer_config_file_applies_below_the_command_line()
    {
        using var directory = new TempDirectory();
        var file = directory.PathOf("base.json");
        await File.WriteAllTextAsync(file, """{"Orders": {"MaxLines": 1}, "Bus": {"Broker": "from-base:5672"}}""");
        var twoLines = new { customer = "a", lines = new[] { new { sku = "X", quantity = 1, unitPrice = 1m }, new { sku = "Y", quantity = 1, unitPrice = 1m } } };

        await using (var limited = await RunningApp.StartAsync(OrdersApiApp.Build, $"--SLIPWAY_BASE_CONFIG={file}"))
        {
            (await limited.Client.PostAsJsonAsync("orders", twoLines)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
            using var info = JsonDocument.Parse(await limited.Client.GetStringAsync(""));
            info.RootElement.GetProperty("broker").GetString().Should().Be("from-base:5672");
        }
        await using var overridden = await RunningApp.StartAsync(OrdersApiApp.Build, [$"--SLIPWAY_BASE_CONFIG={file}", "--Orders:MaxLines=5", .. NoServers]);
        // accepted, then not stored: no database answers
        (await overridden.Client.PostAsJsonAsync("orders", twoLines)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public void The_shipped_base_layer_config_is_valid_json_with_the_line_limit()
    {
        var text = File.ReadAllText(Repo.PathOf("src", "apps", "orders-api", "base", "etc", "slipway", "orders-api", "base.json"));

        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("Orders").GetProperty("MaxLines").GetInt32().Should().BePositive();
    }

    [Theory]
    [InlineData(new[] { "--Bus:Topics=orders.created, orders.cancelled" }, new[] { "orders.created", "orders.cancelled" })]
    [InlineData(new[] { "--Bus:Topics:0=orders.created", "--Bus:Topics:1=audit" }, new[] { "orders.created", "audit" })]
    [InlineData(new string[0], new string[0])]
    public async Task Topics_come_from_BUS__TOPICS_style_configuration(string[] arguments, string[] expected)
    {
        await using var api = await RunningApp.StartAsync(OrdersApiApp.Build, [.. arguments, "--Bus:Broker=broker:5672"]);

        using var info = JsonDocument.Parse(await api.Client.GetStringAsync(""));

        info.RootElement.GetProperty("service").GetString().Should().Be("orders-api");
        info.RootElement.GetProperty("broker").GetString().Should().Be("broker:5672");
        info.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).Should().Equal(expected);
    }
}
