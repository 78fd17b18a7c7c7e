using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Locks;
using Slipway.Delivery.Tests.Images;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Locks;

/// <summary>The cluster's deploy lock on the real API server: taken, refused naming its holder, stale ones taken
/// over.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ClusterLeaseTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _namespace = $"lease-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task A_lease_is_taken_in_a_namespace_it_creates_refused_to_another_holder_and_deleted_when_released()
    {
        var me = LockHolder.Current("DeployApps --env local");
        var lease = await AcquireAsync(me, TimeSpan.Zero);
        lease.Should().NotBeNull();
        var live = await stack.Kubernetes.GetAsync(ClusterLease.Path(_namespace));
        live["spec"]!["holderIdentity"]!.GetValue<string>().Should().Be(me.Identity);

        var elsewhere = new LockHolder("build-runner-7", 4242, "ci", "DeployApps --env dev", DateTimeOffset.UtcNow);
        var refused = async () => await AcquireAsync(elsewhere, TimeSpan.Zero);
        (await refused.Should().ThrowAsync<LockBusyException>()).Which.Message.Should()
            .Contain($"pid {me.Pid} on {me.Host}").And.Contain($"namespace {_namespace}");

        await lease!.DisposeAsync();
        (await stack.Kubernetes.TryGetAsync(ClusterLease.Path(_namespace))).Should().BeNull("a released lease is gone");
    }

    [Fact]
    public async Task An_expired_lease_or_one_whose_process_is_gone_from_this_machine_is_taken_over()
    {
        var remote = new LockHolder("build-runner-7", 4242, "ci", "DeployApps --env dev", DateTimeOffset.UtcNow);
        await PlantAsync(remote, renewedAgo: TimeSpan.FromMinutes(5));
        using (var log = new CapturedLog())
        {
            await using (await AcquireAsync(LockHolder.Current("DeployApps"), TimeSpan.Zero)) { }
            log.Text.Should().Contain("taken over from pid 4242 on build-runner-7").And.Contain("past its duration");
        }

        var crashed = LockHolder.Current("DeployApps") with { Pid = DeadPid() };
        await PlantAsync(crashed, renewedAgo: TimeSpan.Zero);
        using (var log = new CapturedLog())
        {
            await using (await AcquireAsync(LockHolder.Current("DeployApps"), TimeSpan.Zero)) { }
            log.Text.Should().Contain($"pid {crashed.Pid}").And.Contain("its process is gone from this machine");
        }
    }

    [Fact]
    public async Task A_waiting_run_gets_the_lease_when_its_holder_releases_it()
    {
        var first = await AcquireAsync(LockHolder.Current("DeployBase"), TimeSpan.Zero);
        var other = LockHolder.Current("DeployApps") with { Host = "other-machine" };
        var waiting = AcquireAsync(other, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        waiting.IsCompleted.Should().BeFalse("the lease is held");
        await first!.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        (await stack.Kubernetes.GetAsync(ClusterLease.Path(_namespace)))["spec"]!["holderIdentity"]!
            .GetValue<string>().Should().Be(other.Identity);
    }

    private async Task<ClusterLease?> AcquireAsync(LockHolder holder, TimeSpan wait) =>
        await ClusterLease.AcquireAsync(new KubernetesClient(KubeConfig.FromFiles([stack.Environment.Kubeconfig])),
            _namespace, holder, new LockWaiter(wait),
            ct => stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string>(), ct: ct), default);

    /// <summary>A lease as a run that stopped renewing it would have left it.</summary>
    private async Task PlantAsync(LockHolder holder, TimeSpan renewedAgo)
    {
        var at = (DateTimeOffset.UtcNow - renewedAgo).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1", ["kind"] = "Lease",
            ["metadata"] = new JsonObject
            {
                ["name"] = ClusterLease.Name,
                ["annotations"] = new JsonObject { [ClusterLease.HolderAnnotation] = holder.ToJson() },
            },
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = holder.Identity, ["leaseDurationSeconds"] = 90,
                ["acquireTime"] = at, ["renewTime"] = at,
            },
        };
        await stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string>());
        await stack.Kubernetes.DeleteAsync(ClusterLease.Path(_namespace));
        await stack.Kubernetes.CreateAsync($"/apis/coordination.k8s.io/v1/namespaces/{_namespace}/leases", body);
    }

    /// <summary>A pid no process of this machine has now.</summary>
    private static int DeadPid()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));
}
