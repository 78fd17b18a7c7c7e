using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Xunit;
using Xunit.Abstractions;

namespace Slipway.Delivery.Tests.Status;

/// <summary>
/// <c>./build.sh Status</c> as a release manager runs it: every environment read at once from its own kubeconfig
/// variable — local (deployed by the main job), dev (reachable, its own namespace), recette (an API server that
/// accepts connections and never answers), prod (no kubeconfig here) — finishing in bounded time with the readable
/// ones shown; the HTML page opened in Chromium.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class StatusTests(LocalStackFixture stack, ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-status-").FullName;
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0); // connections queue, nothing ever answers

    public void Dispose()
    {
        _silent.Stop();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Status_shows_every_reachable_environment_and_names_the_ones_it_cannot_read()
    {
        var deploy = await BuildCommand.RunAsync("DeployApps", "--env", "local", "--skip", "Compile");
        deploy.ExitCode.Should().Be(0, deploy.StandardOutput);
        _silent.Start();
        var silentServer = $"https://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}";
        var unreachable = Path.Combine(_directory, "recette-kubeconfig");
        File.WriteAllText(unreachable, Regex.Replace(File.ReadAllText(stack.Environment.Kubeconfig),
            @"server: \S+", $"server: {silentServer}"));

        var status = await BuildCommand.RunAsync(new Dictionary<string, string?>
        {
            ["KUBECONFIG_DEV"] = stack.Environment.Kubeconfig,
            ["KUBECONFIG_RECETTE"] = unreachable,
            ["KUBECONFIG_PROD"] = null,
        }, "Status", "--status-timeout", "5");

        status.ExitCode.Should().Be(0,
            "an environment that cannot be read is shown, not fatal\n" + status.StandardOutput);
        var json = JsonNode.Parse(File.ReadAllText(Artifact("status.json")))!;
        var environments = json["environments"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>());
        environments["local"]!["state"]!.GetValue<string>().Should().Be("ok");
        environments["dev"]!["state"]!.GetValue<string>().Should().Be("ok", "dev's kubeconfig reaches the stack");
        environments["recette"]!["state"]!.GetValue<string>().Should().Be("unreachable");
        environments["recette"]!["message"]!.GetValue<string>().Should().Contain(silentServer.Replace("https://", ""));
        environments["prod"]!["state"]!.GetValue<string>().Should().Be("not configured");
        environments["prod"]!["message"]!.GetValue<string>().Should().Contain("KUBECONFIG_PROD");

        var local = environments["local"]!["releases"]!.AsArray();
        local.Select(r => r!["name"]!.GetValue<string>()).Should().Equal("base", "apps");
        foreach (var release in local)
        {
            release!["revision"]!.GetValue<int>().Should().BePositive();
            release["helmStatus"]!.GetValue<string>().Should().Be("deployed");
            release["commit"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{7,}$");
            release["deployedAt"].Should().NotBeNull();
            release["drift"]!.AsArray().Should().BeEmpty();
            foreach (var workload in release["workloads"]!.AsArray())
            {
                workload!["ready"]!.GetValue<int>().Should().Be(workload["desired"]!.GetValue<int>());
                workload["images"]!.AsArray().Should().OnlyContain(i =>
                    i!["digest"]!.GetValue<string>().StartsWith("sha256:"), "the digest the pods pulled");
            }
        }
        var workloads = local.SelectMany(r => r!["workloads"]!.AsArray()).Select(w => w!["name"]!.GetValue<string>())
            .ToList();
        workloads.Should().Contain(["orders-api", "orders-worker", "web-ui"]);

        var markdown = File.ReadAllText(Artifact("status.md"));
        markdown.Should().Contain("| **apps** |").And.Contain("unreachable").And.Contain("not configured");
        await ThePageRendersInChromiumWithEveryReleaseAsync(["base", "apps", .. workloads]);
    }

    private async Task ThePageRendersInChromiumWithEveryReleaseAsync(IReadOnlyList<string> rows)
    {
        var page = Artifact("status.html");
        var dom = await HeadlessChromium.DumpDomAsync(page);
        dom.Should().Contain("<table class=\"matrix\">");
        foreach (var row in rows) dom.Should().Contain($"<th>{row}</th>", "each release and workload is a row");
        dom.Should().Contain("class=\"bad\"", "the unreachable environment's cells are red");
        dom.Should().MatchRegex("<td class=\"good\"><a href=\"#local-slipway-local-apps-orders-api\">");

        var screenshot = Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", "status-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await HeadlessChromium.ScreenshotAsync(page, screenshot);
        var png = await File.ReadAllBytesAsync(screenshot);
        png.Take(8).Should().Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        png.Length.Should().BeGreaterThan(20_000, "a rendered table, not a blank page");
        output.WriteLine($"status page screenshot: {screenshot}");
    }

    private static string Artifact(string name) => Path.Combine(RepositoryRoot.Path, "artifacts", name);
}
