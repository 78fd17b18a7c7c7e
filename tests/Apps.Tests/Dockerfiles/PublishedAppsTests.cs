using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Dockerfiles;

/// <summary>
/// The published apps run as their containers run them: <c>dotnet &lt;App&gt;.dll</c> from the publish folder
/// (the image's WORKDIR /app), serving the port named by ASPNETCORE_HTTP_PORTS.
/// </summary>
public sealed class PublishedAppsTests(PublishedAppsFixture published) : IClassFixture<PublishedAppsFixture>
{
    public static TheoryDataFor Apps => AppImage.Folders;

    public static TheoryDataFor ServedApps => new(AppImage.All.Where(a => a.Port != null).Select(a => a.Folder));

    [Theory, MemberData(nameof(Apps))]
    public void The_entrypoint_assembly_is_in_the_publish_output(string app)
    {
        var directory = published.DirectoryOf(app);
        var assembly = AppImage.Named(app).Assembly;

        File.Exists(Path.Combine(directory, assembly + ".dll")).Should().BeTrue();
        File.Exists(Path.Combine(directory, assembly + ".runtimeconfig.json")).Should().BeTrue();
        if (app == "web-ui") File.Exists(Path.Combine(directory, "wwwroot", "index.html")).Should().BeTrue();
    }

    [Theory, MemberData(nameof(ServedApps))]
    public async Task The_published_app_serves_its_health_on_the_port_named_by_ASPNETCORE_HTTP_PORTS(string app)
    {
        // live is enough here: ready needs the servers (Servers/OrderFlowTests)
        await RunPublishedAsync(app, new Dictionary<string, string>(), async client =>
        {
            (await client.GetAsync("healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
            if (app == "web-ui") (await client.GetStringAsync("")).Should().Contain("<title>Shop orders</title>");
        });
    }

    [Theory]
    [InlineData(new[] { "BUS__TOPICS=orders.created,orders.cancelled;audit", "BUS__BROKER=rabbit:5673" },
        "rabbit:5673", new[] { "orders.created", "orders.cancelled", "audit" })]
    [InlineData(new[] { "BUS__TOPICS__0=orders.created", "BUS__TOPICS__1=audit" },
        "broker:5672", new[] { "orders.created", "audit" })]
    [InlineData(new[] { "Bus__Broker=lower-case" }, "lower-case:5672", new string[0])]
    public async Task The_published_api_takes_its_bus_settings_from_environment_variables(
        string[] variables, string broker, string[] topics)
    {
        var environment = variables.Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);

        await RunPublishedAsync("orders-api", environment, async client =>
        {
            using var info = JsonDocument.Parse(await client.GetStringAsync(""));

            info.RootElement.GetProperty("broker").GetString().Should().Be(broker);
            info.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).Should().Equal(topics);
        });
    }

    /// <summary>
    /// Runs a published app as its container runs it (<c>dotnet App.dll</c> in its folder, the port from
    /// ASPNETCORE_HTTP_PORTS) with <paramref name="environment"/> added, waits until it is live, then runs
    /// <paramref name="check"/> against it; the process is stopped afterwards.
    /// </summary>
    async Task RunPublishedAsync(string app, IReadOnlyDictionary<string, string> environment,
        Func<HttpClient, Task> check)
    {
        var port = Tool.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = published.DirectoryOf(app),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppImage.Named(app).Assembly + ".dll");
        var inherited = info.Environment.Keys.Where(k => k.StartsWith("BUS__", StringComparison.OrdinalIgnoreCase));
        foreach (var name in inherited.ToList()) info.Environment.Remove(name);
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTPS_PORTS");
        info.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
            var status = await ReadyStatus(client, process);

            status.Should().Be(HttpStatusCode.OK, $"{app} should serve /healthz/live on port {port}");
            await check(client);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("""{"topics": ["orders.created"]}""", "true", 1)]
    [InlineData("""{"topics": ["orders.created"]}""", null, 1)]
    [InlineData("""{"topics": [{"name": "Orders Created"}]}""", null, 2)]
    public async Task The_published_bootstrap_exits_with_its_documented_codes(string declarations, string? fail, int expected)
    {
        // no broker on that port: without BOOTSTRAP_FAIL, reaching it fails (0, on the servers: Servers/BootstrapOnServersTests)
        var environment = new Dictionary<string, string>
        {
            ["BOOTSTRAP_DECLARATIONS"] = declarations, ["BUS__BROKER"] = $"127.0.0.1:{Tool.FreePort()}", ["BOOTSTRAP_WAIT_SECONDS"] = "0",
        };
        if (fail != null) environment["BOOTSTRAP_FAIL"] = fail;

        var result = await Tool.RunAsync("dotnet", ["BusBootstrap.dll"], environment, published.DirectoryOf("bus-bootstrap"));

        result.ExitCode.Should().Be(expected, result.ToString());
    }

    static async Task<HttpStatusCode?> ReadyStatus(HttpClient client, Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                last = (await client.GetAsync("healthz/live")).StatusCode;
                if (last == HttpStatusCode.OK) return last;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        return last;
    }
}
