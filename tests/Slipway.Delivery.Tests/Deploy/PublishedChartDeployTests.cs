using FluentAssertions;
using Slipway.Delivery.Charts;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// A release deployed from its published chart (an environment's PublishedCharts) runs the chart of that version and
/// the images of that version, whatever the chart folder says now; the same version again deploys nothing.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class PublishedChartDeployTests(LocalStackFixture stack) : IAsyncLifetime
{
    private const string Version = "2.3.0";
    private readonly string _namespace = "test-published-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _charts = "published-" + Guid.NewGuid().ToString("N")[..8] + "/charts";
    private readonly AbsolutePath _root = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-published-").FullName);

    private AbsolutePath Chart => _root / "charts" / "site";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Chart / "templates");
        File.WriteAllText(Chart / "Chart.yaml", "apiVersion: v2\nname: site\nversion: 0.1.0\nappVersion: \"0.1.0\"\n");
        File.WriteAllText(Chart / "values.yaml", "global:\n  registry: \"\"\nweb:\n  image:\n    repository: " +
                                                 "slipway-base/debian\n    tag: \"\"\n    digest: \"\"\n");
        File.WriteAllText(Chart / "templates" / "deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: web }
            spec:
              selector: { matchLabels: { app: web } }
              template:
                metadata: { labels: { app: web } }
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: web
                      image: "{{ .Values.global.registry }}/{{ .Values.web.image.repository }}:{{ required "tag" .Values.web.image.tag }}"
                      command: ["sleep", "infinity"]
            """);
        // the image of the release version: the stack's debian image, tagged as the version's build would tag it
        using var registry = new RegistryClient(stack.Environment.Registry);
        var manifest = await registry.GetManifestAsync("slipway-base/debian", "bookworm")
                       ?? throw new InvalidOperationException("The stack's registry has no slipway-base/debian:bookworm.");
        await registry.PutManifestAsync("slipway-base/debian", Version, manifest);
        await stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string> { ["test"] = "published" });
    }

    public async Task DisposeAsync()
    {
        await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task The_published_version_is_deployed_with_its_images_and_again_changes_nothing()
    {
        var helm = stack.Helm;
        using var registry = new RegistryClient(stack.Environment.Registry);
        var components = new[]
        {
            new Component { Name = "web", Context = _root / "web", Repository = "slipway-base/debian" },
        };
        var folder = new ReleaseDefinition("site", Chart, ComponentKind.App);
        var (published, pushed) = await new ChartPublisher(helm, registry, _charts, plainHttp: true, credentials: null)
            .PublishAsync(folder, components, Version, CancellationToken.None);
        pushed.Should().BeTrue();
        // the folder moves on after the release: what is deployed is the published chart, not the folder
        File.AppendAllText(Chart / "templates" / "deployment.yaml", "\n      nodeSelector: { unreleased: \"yes\" }\n");
        var release = folder with { Published = published };
        var values = ValuesLayers.For(_root, new DeploymentEnvironment("local"), release, components,
            stack.Environment.Registry, images: [], pinDigests: false);
        var deployer = new ReleaseDeployer(helm, stack.Kubernetes, host => new RegistryClient(host));

        var first = await deployer.DeployAsync(release, _namespace, values, "0123456789abcdef", CancellationToken.None);
        var again = await deployer.DeployAsync(release, _namespace, values, "0123456789abcdef", CancellationToken.None);

        first.Result.Should().Be("installed", first.Error);
        first.Chart.Should().Be($"site-{Version}");
        var deployment = await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(_namespace, "web"));
        var pod = deployment["spec"]!["template"]!["spec"]!;
        pod["containers"]![0]!["image"]!.GetValue<string>().Should()
            .Be($"{stack.Environment.Registry}/slipway-base/debian:{Version}", "the chart's version is its images' tag");
        pod["nodeSelector"].Should().BeNull("the folder's later change is not in the published chart");
        (await helm.HistoryAsync("site", _namespace))[^1].Chart.Should().Be($"site-{Version}");
        again.Result.Should().Be("unchanged");
        again.RevisionAfter.Should().Be(first.RevisionAfter);
    }
}
