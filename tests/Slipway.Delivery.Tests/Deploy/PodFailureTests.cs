using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// Real containers fail as on any cluster, and a deploy says how within seconds: a crash loop with the exit code and
/// the last lines of the container's log, an OOM kill by name.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class PodFailureTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _namespace = "test-podfail-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _chartDirectory = Directory.CreateTempSubdirectory("slipway-podfail-chart-").FullName;
    private ReleaseDefinition _release = null!;
    private ReleaseDeployer _deployer = null!;

    public async Task InitializeAsync()
    {
        _release = new ReleaseDefinition("web", AbsolutePath.From(TestChart.Write(_chartDirectory)), ComponentKind.App)
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        _deployer = new ReleaseDeployer(stack.Helm, stack.Kubernetes, host => new RegistryClient(host));
        await stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string> { ["test"] = "podfail" });
    }

    public async Task DisposeAsync()
    {
        await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));
        Directory.Delete(_chartDirectory, recursive: true);
    }

    private Task<ReleaseOutcome> Deploy(params (string Key, string Value)[] set) => _deployer.DeployAsync(_release,
        _namespace, new ValuesLayers([], [new("image", stack.BaseImage), .. set.Select(s => new KeyValuePair<string, string>(s.Key, s.Value))]),
        "0123456789abcdef", CancellationToken.None);

    [Fact]
    public async Task A_crashing_container_stops_the_deploy_with_its_exit_code_and_the_end_of_its_log()
    {
        var act = () => Deploy(("crash", "true"));

        var failure = (await act.Should().ThrowAsync<DeployFailedException>()).Which;
        failure.Message.Should().NotContainAny(ReleaseDeployerTests.HelmTimeouts, "the crash loop stopped helm at once")
            .And.Contain("CrashLoopBackOff").And.Contain("exited with code 3")
            .And.Contain("cannot open /etc/web/config.json", "the container's own last words say why")
            .And.Contain("starting web");
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_is_named_OOMKilled()
    {
        var act = () => Deploy(("memoryHog", "true"));

        var failure = (await act.Should().ThrowAsync<DeployFailedException>()).Which;
        failure.Message.Should().Contain("OOMKilled").And.Contain("memory limit");
    }
}
