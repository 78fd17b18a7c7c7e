using System.Net;
using System.Text.Json;
using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Slipway.Sample.WebUi;
using Xunit;

namespace Slipway.Sample.Tests.WebUi;

public sealed class WebUiTests
{
    static readonly string ContentRoot = Repo.AppDirectory("web-ui");

    [Fact]
    public async Task The_page_and_its_assets_are_served()
    {
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", ContentRoot);

        var page = await ui.Client.GetAsync("");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<title>Shop orders</title>");

        (await ui.Client.GetAsync("app.js")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ui.Client.GetAsync("styles.css")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ui.Client.GetAsync("missing.js")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_page_links_its_assets_relatively_so_it_works_under_a_route_prefix()
    {
        var html = await File.ReadAllTextAsync(Path.Combine(ContentRoot, "wwwroot", "index.html"));

        html.Should().Contain("href=\"styles.css\"").And.Contain("src=\"app.js\"");
        html.Should().NotMatchRegex("(href|src)=\"/");
    }

    [Theory]
    [InlineData("healthz/live")]
    [InlineData("healthz/ready")]
    public async Task Health_endpoints_answer_200(string path)
    {
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", ContentRoot);

        (await ui.Client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readiness_fails_when_the_page_is_missing()
    {
        using var empty = new TempDirectory();
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", empty.FullName);

        var response = await ui.Client.GetAsync("healthz/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Contain("index.html");
        (await ui.Client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null, "../orders-api/")]
    [InlineData("https://api.example/shop/orders-api/", "https://api.example/shop/orders-api/")]
    public async Task Config_tells_the_page_where_the_orders_api_is(string? configured, string expected)
    {
        string[] arguments = configured == null ? ["--contentRoot", ContentRoot] : ["--contentRoot", ContentRoot, $"--WebUi:OrdersApiBase={configured}"];
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, arguments);

        using var config = JsonDocument.Parse(await ui.Client.GetStringAsync("config.json"));

        config.RootElement.GetProperty("ordersApiBase").GetString().Should().Be(expected);
    }
}
