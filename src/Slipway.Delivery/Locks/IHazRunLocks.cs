using System.Security.Cryptography;
using System.Text;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Tools;
using Slipway.Engine;

namespace Slipway.Delivery.Locks;

/// <summary>
/// One run at a time where two would collide, each lock held until the run ends: this checkout's outputs (publish
/// folders, artifacts/) for the targets that write or read them, and per deploy target namespace a lock on this
/// machine and a Lease in the cluster. They are always taken in that order, so two runs never wait on each other.
/// </summary>
public interface IHazRunLocks : ISlipwayBuild
{
    [Parameter("Seconds to wait for a lock another run holds (this checkout's outputs, an environment's deploy)")]
    int LockWait => TryGetValue<int?>(() => LockWait) ?? 600;

    [Parameter("Fail at once, naming the holder, when another run holds a lock this run needs")]
    bool NoWait => TryGetValue<bool?>(() => NoWait) ?? false;

    /// <summary>Who this run is, for the holder lines others read.</summary>
    LockHolder RunHolder => RunValues.Get("locks:holder", () => LockHolder.Current(DescribeRun()));

    LockWaiter NewLockWaiter() => new(NoWait ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(0, LockWait)));

    /// <summary>This checkout's outputs (DockerBuild's publish folders, artifacts/): one run at a time.</summary>
    Task HoldOutputsAsync(CancellationToken ct) => RunValues.Get("locks:outputs", async () =>
    {
        var held = await MachineLock.AcquireAsync(TemporaryDirectory / "locks" / "outputs.lock",
            "this checkout's build outputs", RunHolder, NewLockWaiter(), ct);
        RunValues.HoldUntilEnd(held);
        Log.Debug($"this checkout's build outputs are held by this run: {RunHolder.Identity}");
    });

    /// <summary>
    /// The deploy target namespace: this machine's lock (any checkout), then the cluster's Lease; held until the
    /// run ends, so DeployBase and DeployApps of one run are not split by another's deploy.
    /// </summary>
    Task HoldDeployTargetAsync(DeployContext context, CancellationToken ct) =>
        RunValues.Get($"locks:deploy:{context.Namespace}", async () =>
        {
            await HoldOutputsAsync(ct);
            var server = context.Cluster.Config.Server.ToString();
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(server)))[..12];
            var machine = await MachineLock.AcquireAsync(
                SlipwayCache.Root(EnvironmentVariables) / "locks" / $"{context.Namespace}@{key}.lock",
                $"the deploy lock of namespace {context.Namespace} on this machine", RunHolder, NewLockWaiter(), ct);
            RunValues.HoldUntilEnd(machine);
            var kubernetes = context.Cluster.CreateClient();
            ClusterLease? lease;
            try
            {
                lease = await ClusterLease.AcquireAsync(kubernetes, context.Namespace, RunHolder, NewLockWaiter(),
                    async token => await kubernetes.TryEnsureNamespaceAsync(context.Namespace,
                        new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "slipway" }, ct: token),
                    ct);
            }
            catch
            {
                kubernetes.Dispose();
                throw;
            }
            if (lease == null) kubernetes.Dispose();
            else RunValues.HoldUntilEnd(lease);
            Log.Information($"locked {context.Namespace} for this run: {RunHolder.Identity}");
            Log.Debug($"until the run ends: on this machine{(lease != null ? $" and as {lease}" : "")}");
        });

    private string DescribeRun()
    {
        var targets = Plan?.Invoked.Select(t => t.Name).ToList() ?? [];
        var env = Parameters.Get<string>("Env");
        return string.Join(' ', targets) + (env != null ? $" --env {env}" : "");
    }
}
