using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Helm;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// A chart that hard-codes its image (as third-party charts do) deployed into an environment with a target registry:
/// helm runs this repository's compiled build as its post-renderer (helm 4: through a post-renderer plugin), which
/// points the image at its relocated copy. The "target registry" is a prefix of the stack's open registry, so the
/// node pulls without a secret.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class RelocatedDeployTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _namespace = "test-relocated-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _work = Directory.CreateTempSubdirectory("slipway-relocated-").FullName;
    private HelmClient _helm = null!;
    private ReleaseDefinition _release = null!;
    private ImageRegistry _target = null!;
    private string _relocated = "";

    private string HardCodedImage => stack.BaseImage;

    public async Task InitializeAsync()
    {
        var compiled = await BuildCommand.RunAsync("--help");
        compiled.ExitCode.Should().Be(0, "the post-renderer is the compiled build: " + compiled.StandardError);
        _release = new ReleaseDefinition("vendor", AbsolutePath.From(TestChart.Write(Path.Combine(_work, "chart"))), ComponentKind.App) { WaitForJobs = true };
        _target = ImageRegistry.Parse($"{stack.Environment.Registry}/tests/relocated-{Guid.NewGuid().ToString("N")[..8]}");
        var source = ImageReference.Parse(HardCodedImage);
        using var registry = new RegistryClient(stack.Environment.Registry);
        var copy = await new ImageCopier(registry, registry).CopyAsync(source.Repository, source.Tag!, _target.RepositoryFor(source.Repository), source.Tag!);
        _relocated = $"{_target.Host}/{_target.RepositoryFor(source.Repository)}:{source.Tag}@{copy.TargetDigest}";
        await stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string> { ["test"] = "relocated" });
    }

    public async Task DisposeAsync()
    {
        await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));
        Directory.Delete(_work, recursive: true);
    }

    private ReleaseDeployer Deployer(Dictionary<string, string> relocated)
    {
        var plan = new RelocationPlan(_target.ToString(), relocated);
        var file = Path.Combine(_work, $"plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, plan.ToJson());
        var postRender = new PostRender("dotnet", [Path.Combine(RepositoryRoot.Path, ".nuke/temp/bin/_build.dll"), RelocatingPostRenderer.Flag, file], plan);
        return new ReleaseDeployer(_helm, stack.Kubernetes, host => new RegistryClient(host)) { PostRender = postRender };
    }

    private Task<ReleaseOutcome> Deploy(ReleaseDeployer deployer, bool hook = false) =>
        deployer.DeployAsync(_release, _namespace, new ValuesLayers([], [new("image", HardCodedImage), new("hook.enabled", hook ? "true" : "false")]),
            "0123456789abcdef", CancellationToken.None);

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task The_hard_coded_image_runs_from_its_relocated_copy_and_a_second_deploy_changes_nothing(string helm)
    {
        _helm = await stack.HelmAsync(helm);
        var relocated = new Dictionary<string, string> { [ManifestImages.Normalize(HardCodedImage)] = _relocated };
        var first = await Deploy(Deployer(relocated));

        // the plan of the next run also relocates another release's image: this release's render is unchanged
        relocated["docker.io/library/redis:7.2"] = $"{_target}/library/redis:7.2@sha256:{new string('a', 64)}";
        var second = await Deploy(Deployer(relocated));

        first.Result.Should().Be("installed");
        var deployment = await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(_namespace, "vendor-web"));
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be(_relocated);
        deployment["status"]!["availableReplicas"]!.GetValue<int>().Should().Be(1);
        second.Result.Should().Be("unchanged");
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task An_image_that_was_not_relocated_stops_the_install_before_anything_is_created(string helm)
    {
        _helm = await stack.HelmAsync(helm);

        var act = () => Deploy(Deployer([]));

        (await act.Should().ThrowAsync<DeployFailedException>()).Which.Message
            .Should().Contain(ManifestImages.Normalize(HardCodedImage)).And.Contain("Run Retag");
        (await _helm.StatusAsync("vendor", _namespace)).Should().BeNull("helm stopped at the post-renderer, before storing a release");
    }

    [Fact]
    public async Task On_helm_3_a_hook_with_an_image_outside_the_target_registry_is_refused()
    {
        _helm = await stack.HelmAsync(PinnedHelm.V3.Version.ToString());

        var act = () => Deploy(Deployer(new() { [ManifestImages.Normalize(HardCodedImage)] = _relocated }), hook: true);

        (await act.Should().ThrowAsync<TargetFailedException>()).Which.Message.Should().Contain("hooks").And.Contain("Nothing was deployed");
        (await _helm.StatusAsync("vendor", _namespace)).Should().BeNull();
    }

    [Fact]
    public async Task On_helm_4_a_hook_runs_its_relocated_image_too()
    {
        _helm = await stack.HelmAsync(PinnedHelm.V4.Version.ToString());

        var relocated = new Dictionary<string, string> { [ManifestImages.Normalize(HardCodedImage)] = _relocated };
        var outcome = await Deploy(Deployer(relocated), hook: true);

        outcome.Result.Should().Be("installed");
        var hooks = await ProcessRunner.RunAsync(_helm.Path,
            ["get", "hooks", "vendor", "--namespace", _namespace, "--kubeconfig", stack.Environment.Kubeconfig],
            new ProcessOptions { LogOutput = false, LogInvocation = false });
        hooks.StandardOutput.Should().Contain("vendor-bootstrap").And.Contain(_relocated);
    }
}
