using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Status;

/// <summary>
/// Drift and secret rotation in the main job's environment (local), through <c>./build.sh</c>: a deleted Deployment
/// and a hand-scaled one show in Status, are left by <c>DeployApps --no-repair</c> and repaired by the next
/// <c>DeployApps</c>; an app Secret edited in the cluster shows in Status and is restored, its readers restarted; a
/// rotated secret rolls exactly the workloads that read it. Each test leaves the environment as the main job deployed
/// it.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class EnvironmentDriftTests(LocalStackFixture stack)
{
    private const string Namespace = "slipway-local";
    private static readonly string[] BusReaders =
        ["StatefulSet broker", "Deployment orders-api", "Deployment orders-worker"];

    [Fact]
    public async Task Drift_shows_in_status_is_left_by_no_repair_and_the_next_deploy_repairs_it()
    {
        await DeployAsync();
        await stack.Kubernetes.DeleteAsync(KubernetesResources.Deployment(Namespace, "web-ui"));
        await stack.Kubernetes.MergePatchAsync(KubernetesResources.Deployment(Namespace, "orders-worker"),
            new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 2 } });
        await KubernetesWait.UntilAsync(stack.Kubernetes, KubernetesResources.Deployment(Namespace, "orders-worker"),
            d => d["status"]?["readyReplicas"]?.GetValue<int>() == 2, TimeSpan.FromMinutes(2));

        (await StatusDriftAsync()).Should().BeEquivalentTo(
            "apps/web-ui: missing", "apps/orders-worker: 2 replicas, the release has 1");

        var reported = await DeployAsync("--no-repair");
        reported.Should().Contain("drift: Deployment web-ui: missing").And.Contain("--no-repair");
        (await stack.Kubernetes.TryGetAsync(KubernetesResources.Deployment(Namespace, "web-ui"))).Should().BeNull();
        var generations = await GenerationsAsync();

        var repaired = await DeployAsync();

        repaired.Should().Contain("apps: drift repaired");
        (await StatusDriftAsync()).Should().BeEmpty("the deploy restored every object");
        (await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(Namespace, "orders-worker")))["spec"]!
            ["replicas"]!.GetValue<int>().Should().Be(1);
        Changed(generations, await GenerationsAsync()).Should().BeEquivalentTo(
            ["Deployment web-ui", "Deployment orders-worker"], "web-ui was recreated, orders-worker scaled back");
    }

    [Fact]
    public async Task An_app_secret_edited_in_the_cluster_shows_in_status_and_is_restored_with_its_readers_restarted()
    {
        await DeployAsync();
        await stack.Kubernetes.MergePatchAsync(KubernetesResources.Secret(Namespace, "orders-bus"), new JsonObject
        {
            ["data"] = new JsonObject { ["password"] = Convert.ToBase64String("edited-by-hand"u8.ToArray()) },
        });

        var drift = await StatusDriftAsync();

        drift.Should().Contain(d => d.StartsWith("apps/orders-api: Secret orders-bus: changed in the cluster"))
            .And.Contain(d => d.StartsWith("base/broker: Secret orders-bus: changed in the cluster"))
            .And.NotContain(d => d.StartsWith("apps/web-ui"), "web-ui does not read it");
        string.Join('\n', drift).Should().NotContain("edited-by-hand");
        var generations = await GenerationsAsync();

        var restored = await DeployAsync();

        restored.Should().Contain("secret orders-bus was changed in the cluster (keys password)");
        (await StatusDriftAsync()).Should().BeEmpty("the secret has its source's value again");
        Changed(generations, await GenerationsAsync()).Should().BeEquivalentTo(BusReaders,
            "the readers restart to read the restored value; nothing else does");
    }

    [Fact]
    public async Task A_rotated_secret_rolls_exactly_the_workloads_that_read_it()
    {
        await DeployAsync();
        var kept = Path.Combine(RepositoryRoot.Path, ".nuke", "temp", "secrets", "local", "orders-bus", "password");
        var original = File.ReadAllText(kept);
        var before = await GenerationsAsync();

        var rotated = await DeployAsync(
            ("SLIPWAY_SECRET_ORDERS_BUS_PASSWORD", "rotated-" + Guid.NewGuid().ToString("N")));

        rotated.Should().Contain("apps: revision").And.NotContain("was changed in the cluster",
            "a rotation changes the source, not the cluster: no drift, the releases roll the readers");
        var after = await GenerationsAsync();
        Changed(before, after).Should().BeEquivalentTo(BusReaders);
        (await DeployAsync()).Should().Contain("apps: unchanged", "the given value is kept, not replaced");

        await DeployAsync(("SLIPWAY_SECRET_ORDERS_BUS_PASSWORD", original)); // back: the same readers roll again
        Changed(after, await GenerationsAsync()).Should().BeEquivalentTo(BusReaders);
    }

    private static async Task<string> DeployAsync(params object[] options)
    {
        var variables = options.OfType<(string, string)>().ToDictionary(v => v.Item1, v => (string?)v.Item2);
        var result = await BuildCommand.RunAsync(variables,
            ["DeployApps", "--env", "local", "--skip", "Compile", .. options.OfType<string>()]);
        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
        return result.StandardOutput;
    }

    /// <summary>Status's drift lines of local as release/workload: difference.</summary>
    private static async Task<List<string>> StatusDriftAsync()
    {
        var status = await BuildCommand.RunAsync("Status", "--status-timeout", "10");
        status.ExitCode.Should().Be(0, status.StandardOutput);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "artifacts", "status.json")))!;
        var local = json["environments"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "local")!;
        return local["releases"]!.AsArray().SelectMany(r =>
                r!["drift"]!.AsArray().Select(d => $"{r["name"]}: {d}").Concat(r["workloads"]!.AsArray().SelectMany(w =>
                    w!["drift"]!.AsArray().Select(d => $"{r["name"]}/{w["name"]}: {d}"))))
            .ToList();
    }

    /// <summary>Each workload's pod template generation: a roll (or a restart) makes a new one.</summary>
    private async Task<Dictionary<string, long>> GenerationsAsync()
    {
        var generations = new Dictionary<string, long>();
        foreach (var (kind, path) in new[] { ("Deployment", KubernetesResources.Deployments(Namespace)),
                     ("StatefulSet", KubernetesResources.StatefulSets(Namespace)) })
        foreach (var workload in await stack.Kubernetes.ListAsync(path))
            generations[$"{kind} {workload["metadata"]!["name"]}"] =
                workload["metadata"]!["generation"]!.GetValue<long>();
        return generations;
    }

    private static List<string> Changed(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Where(a => !before.TryGetValue(a.Key, out var generation) || generation != a.Value)
            .Select(a => a.Key).ToList();
}
