using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;

namespace Slipway.Delivery.Locks;

/// <summary>
/// The deploy lock every machine sees: a coordination.k8s.io Lease <c>slipway-deploy</c> in the namespace, naming
/// its holder (user@host/pid, command, start). It is renewed while the run lasts and deleted when it ends; one not
/// renewed within its duration (the run's machine went away) or whose process is gone from this machine is stale
/// and taken over. A user the cluster does not allow to manage Leases deploys without it, warned.
/// </summary>
public sealed class ClusterLease : IAsyncDisposable
{
    public const string Name = "slipway-deploy";
    public const string HolderAnnotation = "slipway.io/holder";
    public static TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(90);

    private readonly KubernetesClient _kubernetes;
    private readonly string _namespace;
    private readonly LockHolder _me;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    private ClusterLease(KubernetesClient kubernetes, string ns, LockHolder me, JsonObject lease)
    {
        _kubernetes = kubernetes;
        _namespace = ns;
        _me = me;
        _renewing = RenewAsync(lease, _stop.Token);
    }

    public static string Path(string ns) => $"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases/{Name}";

    /// <summary>
    /// Takes the Lease in <paramref name="ns"/>, keeping <paramref name="kubernetes"/> (disposed with the lease) to
    /// renew and delete it; <paramref name="createNamespace"/> makes the namespace when it is
    /// missing. Null when the cluster forbids this user Leases (the run goes on, warned).
    /// </summary>
    public static async Task<ClusterLease?> AcquireAsync(KubernetesClient kubernetes, string ns, LockHolder me,
        LockWaiter waiter, Func<CancellationToken, Task> createNamespace, CancellationToken ct)
    {
        var what = $"the deploy lock of namespace {ns} (Lease {Name})";
        var namespaceMade = false;
        try
        {
            while (true)
            {
                var live = await kubernetes.TryGetAsync(Path(ns), ct);
                if (live == null)
                {
                    try
                    {
                        var created = await kubernetes.CreateAsync(Path(ns)[..Path(ns).LastIndexOf('/')],
                            Body(ns, me, null), ct);
                        waiter.Obtained(what);
                        return new ClusterLease(kubernetes, ns, me, created);
                    }
                    catch (KubernetesException e) when (e.IsNotFound)
                    {
                        if (namespaceMade)
                        {
                            Log.Warning($"{what} could not be taken: namespace {ns} does not exist and could not be " +
                                        "made; deploying without it");
                            return null;
                        }
                        await createNamespace(ct);
                        namespaceMade = true;
                    }
                    catch (KubernetesException e) when (e.IsConflict || e.Reason == "AlreadyExists") { }
                    continue;
                }
                var holder = HolderOf(live);
                var stale = StaleReason(live, holder);
                if (holder?.Identity == me.Identity || stale != null)
                {
                    if (stale != null)
                        Log.Warning($"{what}: taken over from {holder?.Describe() ?? Identity(live)}, {stale}");
                    try
                    {
                        var taken = await kubernetes.ReplaceAsync(Path(ns), Body(ns, me, live), ct);
                        waiter.Obtained(what);
                        return new ClusterLease(kubernetes, ns, me, taken);
                    }
                    catch (KubernetesException e) when (e.IsConflict) { continue; } // someone else was quicker
                }
                waiter.StillBusy(what, holder?.Describe() ?? Identity(live));
                await waiter.PauseAsync(ct);
            }
        }
        catch (KubernetesException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            Log.Warning($"{what} could not be taken ({e.Message}): deploying without it, so a run from another " +
                        "machine is not kept out. Allow this user get/create/update/delete on leases " +
                        "(coordination.k8s.io) in the namespace.");
            return null;
        }
    }

    /// <summary>Deletes the Lease if this run still holds it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _renewing; } catch (OperationCanceledException) { }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var live = await _kubernetes.TryGetAsync(Path(_namespace), timeout.Token);
            if (live != null && HolderOf(live)?.Identity == _me.Identity)
                await _kubernetes.DeleteAsync(Path(_namespace), ct: timeout.Token);
        }
        catch (Exception e) when (e is KubernetesException or OperationCanceledException or HttpRequestException)
        {
            Log.Warning($"the Lease {_namespace}/{Name} could not be deleted ({e.Message}); it expires " +
                        $"{Durations.Format(Duration)} after its last renewal");
        }
        finally
        {
            _stop.Dispose();
            _kubernetes.Dispose();
        }
    }

    public override string ToString() => $"Lease {_namespace}/{Name}";

    private async Task RenewAsync(JsonObject lease, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(Duration / 3, ct);
            try
            {
                lease["spec"]!["renewTime"] = MicroTime(DateTimeOffset.UtcNow);
                lease = await _kubernetes.ReplaceAsync(Path(_namespace), lease, ct);
            }
            catch (KubernetesException e) when (e.IsConflict || e.IsNotFound)
            {
                // DestroyPreview deletes the namespace: its controller removes (or changes) the Lease meanwhile
                if (await NamespaceEndingAsync(ct)) return;
                Log.Warning($"the Lease {_namespace}/{Name} was taken or removed by someone else while this run " +
                            "held it: another deploy may now run at the same time");
                return;
            }
            catch (Exception e) when (e is KubernetesException or HttpRequestException)
            {
                Log.Warning($"the Lease {_namespace}/{Name} could not be renewed ({e.Message}); trying again");
            }
        }
    }

    private async Task<bool> NamespaceEndingAsync(CancellationToken ct) =>
        await _kubernetes.TryGetAsync(KubernetesResources.Namespace(_namespace), ct) is not { } ns
        || ns["metadata"]?["deletionTimestamp"] != null;

    private static JsonObject Body(string ns, LockHolder me, JsonObject? live)
    {
        var now = MicroTime(DateTimeOffset.UtcNow);
        var transitions = live?["spec"]?["leaseTransitions"]?.GetValue<int>() ?? 0;
        var metadata = new JsonObject
        {
            ["name"] = Name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "slipway" },
            ["annotations"] = new JsonObject { [HolderAnnotation] = me.ToJson() },
        };
        if (live?["metadata"]?["resourceVersion"] is { } version) metadata["resourceVersion"] = version.DeepClone();
        return new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = me.Identity,
                ["leaseDurationSeconds"] = (int)Duration.TotalSeconds,
                ["acquireTime"] = now,
                ["renewTime"] = now,
                ["leaseTransitions"] = live == null ? 0 : transitions + 1,
            },
        };
    }

    private static LockHolder? HolderOf(JsonObject lease) =>
        LockHolder.FromJson(lease["metadata"]?["annotations"]?[HolderAnnotation]?.GetValue<string>());

    private static string Identity(JsonObject lease) =>
        lease["spec"]?["holderIdentity"]?.GetValue<string>() ?? "an unnamed holder";

    /// <summary>Why the Lease no longer protects anyone, or null while its holder may still be deploying.</summary>
    private static string? StaleReason(JsonObject lease, LockHolder? holder)
    {
        var spec = lease["spec"];
        if (spec?["holderIdentity"] == null) return "released";
        if (holder?.IsGoneFromThisMachine == true) return "its process is gone from this machine";
        var renewed = spec["renewTime"]?.GetValue<string>() ?? spec["acquireTime"]?.GetValue<string>();
        var seconds = spec["leaseDurationSeconds"]?.GetValue<int>() ?? 0;
        if (renewed == null || !DateTimeOffset.TryParse(renewed, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at)) return "it carries no renewal time";
        var expired = DateTimeOffset.UtcNow - at - TimeSpan.FromSeconds(seconds);
        return expired > TimeSpan.Zero ? $"not renewed for {Durations.Format(expired)} past its duration" : null;
    }

    private static string MicroTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
