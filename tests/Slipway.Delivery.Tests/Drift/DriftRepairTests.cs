using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Drift;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Helm;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Drift;

/// <summary>
/// What people change behind a release's back — a hand-scaled Deployment, an env variable added and one changed, a
/// Secret and a ConfigMap edited, a Deployment deleted — is found by comparing the live objects with the deployed
/// revision, only reported with repair off, and restored by the next deploy without a new revision; helm (3 and 4)
/// still owns what was restored, so the next real upgrade goes through.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class DriftRepairTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _namespace = "test-drift-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _chartDirectory = Directory.CreateTempSubdirectory("slipway-drift-chart-").FullName;
    private ReleaseDefinition _release = null!;

    private string Deployment => KubernetesResources.Deployment(_namespace, "drift-api");
    private string Secret => KubernetesResources.Secret(_namespace, "drift-credentials");
    private string ConfigMap => KubernetesResources.ConfigMap(_namespace, "drift-settings");

    public async Task InitializeAsync()
    {
        _release = new ReleaseDefinition("drift", AbsolutePath.From(DriftChart.Write(_chartDirectory)),
            ComponentKind.App) { Timeout = TimeSpan.FromMinutes(3) };
        await stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string> { ["test"] = "drift" });
    }

    public async Task DisposeAsync()
    {
        await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));
        Directory.Delete(_chartDirectory, recursive: true);
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task Changes_behind_the_releases_back_are_found_left_on_request_and_restored_without_a_revision(
        string helmVersion)
    {
        var helm = await stack.HelmAsync(helmVersion);
        Task<ReleaseOutcome> Deploy(bool repair = true, string greeting = "hello") =>
            new ReleaseDeployer(helm, stack.Kubernetes, host => new RegistryClient(host)) { RepairDrift = repair }
                .DeployAsync(_release, _namespace, new ValuesLayers([],
                    [new("image", stack.BaseImage), new("greeting", greeting)]), "0123456789abcdef", default);
        (await Deploy()).Result.Should().Be("installed");

        await ChangeByHandAsync();
        var manifest = await helm.GetManifestAsync("drift", _namespace);
        var found = await new ReleaseDrift(stack.Kubernetes).FindAsync(manifest, _namespace, default);

        found.Select(f => f.ToString()).Should().BeEquivalentTo(
            "Deployment drift-api: 2 replicas, the release has 1",
            "Deployment drift-api: container api: env EXTRA added; env GREETING changed",
            "Secret drift-credentials: keys password changed; keys extra added",
            "ConfigMap drift-settings: keys mode changed");
        string.Concat(found.Select(f => f.ToString())).Should().NotContainAny(
            ["by-hand", "s3cret", "lenient", "bonjour"], "drift is named by keys, never by values");

        var reported = await Deploy(repair: false);

        reported.Result.Should().Be("drifted");
        reported.Drift.Should().HaveCount(4);
        (await stack.Kubernetes.GetAsync(Deployment))["spec"]!["replicas"]!.GetValue<int>().Should().Be(2,
            "--no-repair only reports");

        var repaired = await Deploy();

        repaired.Result.Should().Be("repaired");
        repaired.RevisionAfter.Should().Be(1);
        (await helm.HistoryAsync("drift", _namespace)).Should().HaveCount(1, "a repair makes no revision");
        var deployment = await stack.Kubernetes.GetAsync(Deployment);
        deployment["spec"]!["replicas"]!.GetValue<int>().Should().Be(1);
        deployment["status"]!["replicas"]!.GetValue<int>().Should().Be(1, "the deploy waited for the rollout");
        Env(deployment).Should().Equal(["GREETING=hello", "PASSWORD=(secret)", "NODE=(field)"]);
        SecretData(await stack.Kubernetes.GetAsync(Secret)).Should().Equal(
            new Dictionary<string, string> { ["password"] = "s3cret-from-the-chart" });
        (await stack.Kubernetes.GetAsync(ConfigMap))["data"]!["mode"]!.GetValue<string>().Should().Be("strict");
        (await Deploy()).Result.Should().Be("unchanged", "a restored release has no drift left");

        await stack.Kubernetes.DeleteAsync(Deployment);
        await KubernetesWait.UntilGoneAsync(stack.Kubernetes, Deployment, TimeSpan.FromSeconds(30));
        var recreated = await Deploy();

        recreated.Result.Should().Be("repaired");
        recreated.Drift.Should().Equal("Deployment drift-api: missing");
        var again = await stack.Kubernetes.GetAsync(Deployment);
        again["status"]!["readyReplicas"]!.GetValue<int>().Should().Be(1);
        again["metadata"]!["annotations"]!["meta.helm.sh/release-name"]!.GetValue<string>().Should().Be("drift");

        var upgraded = await Deploy(greeting: "bonjour");

        upgraded.Result.Should().Be("upgraded", "helm still owns what the repair restored");
        Env(await stack.Kubernetes.GetAsync(Deployment)).Should().Contain("GREETING=bonjour");
        (await new ReleaseDrift(stack.Kubernetes).FindAsync(await helm.GetManifestAsync("drift", _namespace),
            _namespace, default)).Should().BeEmpty();
    }

    private async Task ChangeByHandAsync()
    {
        await stack.Kubernetes.MergePatchAsync(Deployment, new JsonObject
        {
            ["spec"] = new JsonObject { ["replicas"] = 2 },
        });
        await stack.Kubernetes.JsonPatchAsync(Deployment, [
            new JsonObject { ["op"] = "add", ["path"] = "/spec/template/spec/containers/0/env/-",
                ["value"] = new JsonObject { ["name"] = "EXTRA", ["value"] = "by-hand" } },
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template/spec/containers/0/env/0/value",
                ["value"] = "bonjour" },
        ]);
        await stack.Kubernetes.MergePatchAsync(Secret, new JsonObject
        {
            ["data"] = new JsonObject { ["password"] = Base64("changed-by-hand"), ["extra"] = Base64("by-hand") },
        });
        await stack.Kubernetes.MergePatchAsync(ConfigMap, new JsonObject
        {
            ["data"] = new JsonObject { ["mode"] = "lenient" },
        });
        // ready as changed: what is left unready would be upgraded again (a separate repair)
        await KubernetesWait.UntilAsync(stack.Kubernetes, Deployment, d =>
            d["status"]?["readyReplicas"]?.GetValue<int>() == 2 && d["status"]?["updatedReplicas"]?.GetValue<int>() == 2
            && d["status"]?["replicas"]?.GetValue<int>() == 2, TimeSpan.FromMinutes(2));
    }

    private static List<string> Env(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray().Select(e =>
            $"{e!["name"]}=" + (e["value"]?.GetValue<string>() ?? (e["valueFrom"]!["secretKeyRef"] != null
                ? "(secret)" : "(field)"))).ToList();

    private static Dictionary<string, string> SecretData(JsonObject secret) =>
        secret["data"]!.AsObject().ToDictionary(d => d.Key,
            d => Encoding.UTF8.GetString(Convert.FromBase64String(d.Value!.GetValue<string>())));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
