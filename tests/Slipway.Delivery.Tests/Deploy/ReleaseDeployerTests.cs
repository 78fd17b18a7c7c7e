using System.Diagnostics;
using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Helm;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// Deploys of a small chart to the local stack's API server through the real helm, as DeployApps does them, on every
/// helm release the build pins (helm 3 and helm 4).
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ReleaseDeployerTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _namespace = "test-deploy-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _chartDirectory = Directory.CreateTempSubdirectory("slipway-deploy-chart-").FullName;
    private HelmClient _helm = null!;
    private ReleaseDefinition _release = null!;
    private ReleaseDeployer _deployer = null!;

    private string GoodImage => stack.BaseImage;
    private string OtherGoodImage => $"{stack.Environment.Registry}/slipway-base/debian:bookworm";
    private string MissingImage => $"{stack.Environment.Registry}/slipway-base/dotnet-runtime:no-such-tag";

    public async Task InitializeAsync()
    {
        _release = new ReleaseDefinition("web", AbsolutePath.From(TestChart.Write(_chartDirectory)), ComponentKind.App)
        {
            WaitForJobs = true,
            Timeout = TimeSpan.FromMinutes(5),
        };
        await stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string> { ["test"] = "deploy" });
    }

    public async Task DisposeAsync()
    {
        await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));
        Directory.Delete(_chartDirectory, recursive: true);
    }

    /// <summary>How helm says its --wait ran out of time.</summary>
    internal static readonly string[] HelmTimeouts = ["timed out waiting", "context deadline exceeded"];

    private static ValuesLayers Values(string image, bool hook = false, bool hookFails = false, string kind = "Deployment") =>
        new([], [new("image", image), new("kind", kind), new("hook.enabled", hook ? "true" : "false"), new("hook.fails", hookFails ? "true" : "false")]);

    private async Task UseHelmAsync(string version)
    {
        _helm = await stack.HelmAsync(version);
        _deployer = new ReleaseDeployer(_helm, stack.Kubernetes, host => new RegistryClient(host));
    }

    private Task<ReleaseOutcome> Deploy(ValuesLayers values) => _deployer.DeployAsync(_release, _namespace, values, "0123456789abcdef", CancellationToken.None);

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_fresh_deploy_installs_and_a_second_identical_deploy_makes_no_revision(string helm)
    {
        await UseHelmAsync(helm);
        var first = await Deploy(Values(GoodImage));
        first.Result.Should().Be("installed");
        first.RevisionAfter.Should().Be(1);
        first.Images.Should().ContainSingle(i => i.Reference == GoodImage && i.Digest!.StartsWith("sha256:"));

        var second = await Deploy(Values(GoodImage));

        second.Result.Should().Be("unchanged");
        (await _helm.HistoryAsync("web", _namespace)).Should().HaveCount(1, "an unchanged release gets no new revision");
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task An_unchanged_release_is_read_from_helms_storage_and_starts_no_helm_process(string helm)
    {
        await UseHelmAsync(helm);
        await Deploy(Values(GoodImage));
        var stored = await new HelmReleaseStorage(stack.Kubernetes).LatestAsync("web", _namespace, default);
        stored!.Info.Should().BeEquivalentTo(await _helm.StatusAsync("web", _namespace),
            o => o.Excluding(r => r!.Chart).Excluding(r => r!.AppVersion), "it reads what helm status reads");
        stored.Info.Chart.Should().Be((await _helm.HistoryAsync("web", _namespace)).Single().Chart,
            "helm status omits the chart; its history names it");
        stored.Manifest.Trim().Should().Be((await _helm.GetManifestAsync("web", _namespace)).Trim());

        // the same helm behind a script that notes each command helm is started with
        var spyDirectory = Directory.CreateTempSubdirectory("slipway-helm-spy-").FullName; // not in the chart
        var calls = Path.Combine(spyDirectory, "helm-calls.log");
        var spy = Path.Combine(spyDirectory, "helm-spy.sh");
        File.WriteAllText(spy, $"#!/bin/sh\necho \"$1\" >> '{calls}'\nexec '{_helm.Path}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(spy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spied = new ReleaseDeployer(new HelmClient(spy, stack.Environment.Kubeconfig), stack.Kubernetes,
            host => new RegistryClient(host));

        var again = await spied.DeployAsync(_release, _namespace, Values(GoodImage), "0123456789abcdef", default);
        again.Result.Should().Be("unchanged");
        again.Images.Should().ContainSingle(i => i.Reference == GoodImage);
        File.Exists(calls).Should().BeFalse("an unchanged release needs no helm process");

        var changed = await spied.DeployAsync(_release, _namespace, Values(OtherGoodImage), "0123456789abcdef", default);
        changed.Result.Should().Be("upgraded");
        changed.RevisionAfter.Should().Be(2);
        File.ReadAllLines(calls).Should().Contain("upgrade").And.NotContain(["status", "get"],
            "the revision made is read from helm's storage too");
        Directory.Delete(spyDirectory, recursive: true);
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_changed_tag_upgrades_the_release(string helm)
    {
        await UseHelmAsync(helm);
        await Deploy(Values(GoodImage));

        var changed = await Deploy(Values(OtherGoodImage));

        changed.Result.Should().Be("upgraded");
        changed.RevisionBefore.Should().Be(1);
        changed.RevisionAfter.Should().Be(2);
        var deployment = await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(_namespace, "web-web"));
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be(OtherGoodImage);
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_wrong_tag_fails_fast_naming_the_pod_and_ErrImagePull_and_the_previous_revision_still_serves(string helm)
    {
        await UseHelmAsync(helm);
        await Deploy(Values(GoodImage));

        var act = () => Deploy(Values(MissingImage));

        var failure = (await act.Should().ThrowAsync<DeployFailedException>()).Which;
        failure.Message.Should().MatchRegex("failed: pod web-web-", "the pod's state stopped helm (its own error would be a timeout)")
            .And.NotContainAny(HelmTimeouts);
        failure.Message.Should().MatchRegex("pod web-web-[a-z0-9]+-[a-z0-9]+").And.MatchRegex("ErrImagePull|ImagePullBackOff").And.Contain("no-such-tag")
            .And.Contain("Every workload of web is ready now (Deployment web-web 1/1 ready): revision 1, the last " +
                         "good one, still serves");
        failure.Outcome.Result.Should().Be("failed");
        var deployment = await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(_namespace, "web-web"));
        deployment["status"]!["availableReplicas"]!.GetValue<int>().Should().Be(1, "the old ReplicaSet keeps serving");

        var repaired = await Deploy(Values(OtherGoodImage));
        repaired.Result.Should().Be("upgraded");
        (await _helm.StatusAsync("web", _namespace))!.IsDeployed.Should().BeTrue();
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_failing_hook_fails_the_deploy_with_its_job_and_the_next_good_deploy_succeeds(string helm)
    {
        await UseHelmAsync(helm);
        await Deploy(Values(GoodImage));

        var act = () => Deploy(Values(GoodImage, hook: true, hookFails: true));

        var failure = (await act.Should().ThrowAsync<DeployFailedException>()).Which;
        failure.Message.Should().Contain("Job web-bootstrap").And.Contain("exited 1").And.Contain("log tail")
            .And.Contain("broker refused: access denied", "the failed hook's own log explains it");
        var good = await Deploy(Values(GoodImage, hook: true));
        good.Result.Should().Be("upgraded");
        (await _helm.StatusAsync("web", _namespace))!.IsDeployed.Should().BeTrue();
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task An_interrupted_upgrade_deletes_its_running_hook_job_and_says_what_it_left(string helm)
    {
        await UseHelmAsync(helm);
        await Deploy(Values(GoodImage));
        using var interrupt = new CancellationTokenSource();
        var upgrade = _deployer.DeployAsync(_release, _namespace,
            new ValuesLayers([], [.. Values(GoodImage, hook: true).Set, new("hook.hangs", "true")]), "0123456789abcdef",
            interrupt.Token);
        await KubernetesWait.UntilAsync(stack.Kubernetes, KubernetesResources.Job(_namespace, "web-bootstrap"),
            _ => true, TimeSpan.FromMinutes(2));

        await interrupt.CancelAsync();

        var failure = (await FluentActions.Awaiting(() => upgrade).Should().ThrowAsync<DeployFailedException>()).Which;
        failure.Outcome.Result.Should().Be("interrupted");
        failure.Message.Should().Contain("interrupted during its upgrade")
            .And.Contain("deleted its running hook Job web-bootstrap")
            .And.MatchRegex("revision 2 is (left pending-upgrade|marked failed)|revision 1 is the deployed one");
        await KubernetesWait.UntilGoneAsync(stack.Kubernetes, KubernetesResources.Job(_namespace, "web-bootstrap"),
            TimeSpan.FromSeconds(30));
        var next = await Deploy(Values(OtherGoodImage));
        next.Result.Should().Be("upgraded");
        (await _helm.StatusAsync("web", _namespace))!.IsDeployed.Should().BeTrue();
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_release_left_in_pending_upgrade_is_rolled_back_then_upgraded(string helm)
    {
        await UseHelmAsync(helm);
        await Deploy(Values(GoodImage));
        await LeavePendingUpgradeAsync(MissingImage);
        (await _helm.StatusAsync("web", _namespace))!.Status.Should().Be("pending-upgrade");

        var outcome = await Deploy(Values(OtherGoodImage));

        outcome.Recovery.Should().Contain("pending-upgrade");
        outcome.Result.Should().Be("upgraded");
        (await _helm.StatusAsync("web", _namespace))!.IsDeployed.Should().BeTrue();
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_failed_first_install_is_repaired_by_the_next_deploy(string helm)
    {
        await UseHelmAsync(helm);
        var act = () => Deploy(Values(MissingImage));
        await act.Should().ThrowAsync<DeployFailedException>();
        (await _helm.StatusAsync("web", _namespace))!.IsFailed.Should().BeTrue();

        var outcome = await Deploy(Values(GoodImage));

        outcome.Recovery.Should().Contain("first install had failed");
        outcome.Result.Should().Be("installed");
        (await _helm.StatusAsync("web", _namespace))!.IsDeployed.Should().BeTrue();
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_statefulset_left_stuck_by_a_bad_deploy_rolls_on_the_next_good_one(string helm)
    {
        await UseHelmAsync(helm);
        await Deploy(Values(GoodImage, kind: "StatefulSet"));
        var bad = () => Deploy(Values(MissingImage, kind: "StatefulSet"));
        (await bad.Should().ThrowAsync<DeployFailedException>()).Which.Message.Should().Contain("web-web-0")
            .And.Contain("Not everything serves now: StatefulSet web-web 0/1 ready", "its only pod was replaced")
            .And.Contain($"helm rollback web 1 -n {_namespace}").And.NotContain("still serves");

        var good = await Deploy(Values(OtherGoodImage, kind: "StatefulSet"));

        good.Result.Should().Be("upgraded", "the rollout completes only because the stuck pod was replaced (kubernetes#67250)");
        var pod = await stack.Kubernetes.GetAsync(KubernetesResources.Pod(_namespace, "web-web-0"));
        pod["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be(OtherGoodImage);
    }

    /// <summary>Starts an upgrade that waits forever and kills helm (SIGKILL, as a killed CI job would) mid-way.</summary>
    private async Task LeavePendingUpgradeAsync(string image)
    {
        var start = new ProcessStartInfo(_helm.Path)
        {
            ArgumentList = { "upgrade", "web", _release.Chart, "--namespace", _namespace, "--set", $"image={image}", "--wait", "--timeout", "300s", "--kubeconfig", stack.Environment.Kubeconfig },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var helm = Process.Start(start)!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && (await _helm.StatusAsync("web", _namespace))?.Status != "pending-upgrade")
            await Task.Delay(200);
        helm.Kill(entireProcessTree: true);
        await helm.WaitForExitAsync();
    }
}
