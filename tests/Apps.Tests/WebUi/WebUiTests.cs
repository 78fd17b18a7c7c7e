using System.Net;
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
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", ContentRoot, NoApi);

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

    [Fact]
    public async Task It_is_live_but_not_ready_while_orders_api_does_not_answer()
    {
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", ContentRoot, NoApi);

        (await ui.Client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await ui.Client.GetAsync("healthz/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("orders-api at http://127.0.0.1:").And.Contain("unreachable");
    }

    [Fact]
    public async Task Readiness_fails_when_the_page_is_missing()
    {
        using var empty = new TempDirectory();
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", empty.FullName, NoApi);

        var response = await ui.Client.GetAsync("healthz/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Contain("index.html");
    }

    [Fact]
    public async Task The_page_says_where_it_looked_for_orders_api_when_it_does_not_answer()
    {
        await using var ui = await RunningApp.StartAsync(WebUiApp.Build, "--contentRoot", ContentRoot, NoApi);

        var page = await ui.Client.GetStringAsync("");

        page.Should().Contain("<span id=\"status\" class=\"status error\">orders-api at http://127.0.0.1:").And.Contain("<tbody></tbody>");
        (await ui.Client.GetAsync("api/orders")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public void The_orders_api_defaults_to_its_service_in_the_same_namespace()
    {
        OrdersApiClient.DefaultBase.Should().Be("http://orders-api:8080/");
    }

    /// <summary>orders-api on a port nothing listens on.</summary>
    static string NoApi => $"--WebUi:OrdersApi=http://127.0.0.1:{Tool.FreePort()}/";
}
