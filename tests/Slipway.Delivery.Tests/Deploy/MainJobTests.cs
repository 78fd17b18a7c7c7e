using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// The README's main job, `./build.sh DeployApps --env local`, end to end on the local stack's real node: every pod
/// runs, the printed URLs answer, an order crosses the whole system, the bootstrap's log stays readable, and a
/// second run changes nothing.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class MainJobTests(LocalStackFixture stack)
{
    [Fact]
    public async Task DeployApps_local_deploys_every_release_ready_with_digests_and_a_second_run_changes_nothing()
    {
        var first = await BuildCommand.RunAsync("DeployApps", "--env", "local", "--skip", "Compile");
        first.ExitCode.Should().Be(0, first.StandardOutput + first.StandardError);

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "artifacts", "deploy-local.json")))!;
        var releases = report["releases"]!.AsArray();
        releases.Select(r => r!["release"]!.GetValue<string>()).Should().Equal("base", "apps");
        foreach (var release in releases)
        {
            release!["result"]!.GetValue<string>().Should().BeOneOf("installed", "upgraded", "unchanged");
            release["images"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(i => i!["digest"]!.GetValue<string>().StartsWith("sha256:"));
        }
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "artifacts", "deploy-local.md")).Should().Contain("| apps |").And.Contain("sha256:");
        var helm = stack.Helm;
        var revisions = new[] { (await helm.StatusAsync("base", "slipway-local"))!.Revision, (await helm.StatusAsync("apps", "slipway-local"))!.Revision };
        foreach (var deployment in await stack.Kubernetes.ListAsync(KubernetesResources.Deployments(Namespace)))
            deployment["status"]!["availableReplicas"]!.GetValue<int>().Should().Be(deployment["spec"]!["replicas"]!.GetValue<int>());
        await EveryPodRunsOnTheNodeAsync();
        await TheWorkloadsCarryTheVersionsOfTheSecretsTheyReadAsync();
        var urls = report["endpoints"]!.AsArray().ToDictionary(e => e!["component"]!.GetValue<string>(), e => e!["url"]!.GetValue<string>());
        urls.Keys.Should().Contain(["web-ui", "orders-api"]);
        await AnOrderGoesThroughTheSystemAsync(urls["orders-api"], urls["web-ui"]);
        var bootstrapLog = await BootstrapLogAsync();
        bootstrapLog.Should().Contain("exchange shop.events").And.Contain("queue orders.created").And.Contain("migration")
            .And.MatchRegex("done: \\d+ created, \\d+ already existed", "the kept hook Job's log says what it made");

        var second = await BuildCommand.RunAsync("DeployApps", "--env", "local", "--skip", "Compile");

        second.ExitCode.Should().Be(0, second.StandardOutput);
        second.StandardOutput.Should().Contain("base: unchanged").And.Contain("apps: unchanged").And.Contain("0 rebuilt");
        (await helm.StatusAsync("base", "slipway-local"))!.Revision.Should().Be(revisions[0]);
        (await helm.StatusAsync("apps", "slipway-local"))!.Revision.Should().Be(revisions[1]);
    }

    private const string Namespace = "slipway-local";

    /// <summary>
    /// The deploy passed each app secret's version: the pod templates that read it carry it (a rotation rolls them),
    /// the others do not.
    /// </summary>
    private async Task TheWorkloadsCarryTheVersionsOfTheSecretsTheyReadAsync()
    {
        Dictionary<string, string> Versions(JsonObject workload) =>
            (workload["spec"]!["template"]!["metadata"]!["annotations"]?.AsObject() ?? [])
            .Where(a => a.Key.StartsWith("slipway.io/secret-", StringComparison.Ordinal))
            .ToDictionary(a => a.Key, a => a.Value!.GetValue<string>());
        var ordersApi =
            Versions(await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(Namespace, "orders-api")));
        ordersApi.Keys.Should().BeEquivalentTo(["slipway.io/secret-orders-db", "slipway.io/secret-orders-bus"]);
        ordersApi.Values.Should().OnlyContain(v => System.Text.RegularExpressions.Regex.IsMatch(v, "^[0-9a-f]{16}$"));
        Versions(await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(Namespace, "web-ui")))
            .Should().BeEmpty("web-ui reads no secret");
    }

    /// <summary>Every pod Running and Ready on the stack's node, in a container of its dockerd (hook pods: done).</summary>
    private async Task EveryPodRunsOnTheNodeAsync()
    {
        var pods = await stack.Kubernetes.ListAsync(KubernetesResources.Pods(Namespace));
        var running = pods.Where(p => p["status"]!["phase"]!.GetValue<string>() != "Succeeded").ToList();
        running.Select(p => p["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>())
            .Should().Contain(["database", "broker", "orders-api", "orders-worker", "web-ui"]);
        foreach (var pod in running)
        {
            var name = pod["metadata"]!["name"]!.GetValue<string>();
            pod["spec"]!["nodeName"]!.GetValue<string>().Should().Be("slipway-node", name);
            pod["status"]!["phase"]!.GetValue<string>().Should().Be("Running", name);
            pod["status"]!["conditions"]!.AsArray().Should().Contain(c => c!["type"]!.GetValue<string>() == "Ready"
                && c["status"]!.GetValue<string>() == "True", name);
            pod["status"]!["containerStatuses"]!.AsArray().Should().OnlyContain(
                c => c!["containerID"]!.GetValue<string>().StartsWith("docker://"), name);
        }
    }

    /// <summary>
    /// The URLs the report printed answer from this host; an order created through orders-api reaches PostgreSQL,
    /// goes over RabbitMQ to orders-worker, which marks it processed, and web-ui shows it.
    /// </summary>
    private static async Task AnOrderGoesThroughTheSystemAsync(string ordersApi, string webUi)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        (await http.GetStringAsync(webUi)).Should().Contain("<html", "the web page answers at the printed URL");
        var customer = "main-job-" + Guid.NewGuid().ToString("N")[..8];
        var created = await http.PostAsJsonAsync(new Uri(new Uri(ordersApi), "orders"), new
        {
            customer, lines = new[] { new { sku = "SKU-1", quantity = 2, unitPrice = 9.5 } },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonNode? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            var orders = JsonNode.Parse(await http.GetStringAsync(new Uri(new Uri(webUi), "api/orders")))!.AsArray();
            seen = orders.FirstOrDefault(o => o!["id"]!.GetValue<string>() == id);
            if (seen?["processedAt"] is JsonValue) break;
            await Task.Delay(500);
        }
        seen.Should().NotBeNull("web-ui lists the order orders-api stored");
        seen!["processedAt"].Should().NotBeNull("orders-worker consumed its event and marked it processed");
        (await http.GetStringAsync(webUi)).Should().Contain(customer, "the page shows it");
    }

    private async Task<string> BootstrapLogAsync()
    {
        var pods = await stack.Kubernetes.ListAsync(KubernetesResources.Pods(Namespace), "app.kubernetes.io/component=bootstrap");
        pods.Should().NotBeEmpty("the hook Job is kept after success so its log can be read");
        var newest = pods.OrderBy(p => p["metadata"]!["creationTimestamp"]!.GetValue<string>()).Last();
        return await stack.Kubernetes.GetTextAsync(
            KubernetesResources.PodLog(Namespace, newest["metadata"]!["name"]!.GetValue<string>(), tailLines: 200));
    }
}
