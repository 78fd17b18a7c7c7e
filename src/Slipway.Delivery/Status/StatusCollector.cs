using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;

namespace Slipway.Delivery.Status;

/// <summary>
/// Reads every environment at once, each within a bounded time: a cluster that refuses, never answers or rejects the
/// credentials makes its column "unreachable" (with why), never the whole status fail.
/// </summary>
public sealed class StatusCollector
{
    public required IReadOnlyList<string> Releases { get; init; }
    /// <summary>Helm pointed at a cluster, for a cluster whose releases helm does not keep in Secrets.</summary>
    public required Func<ClusterTarget, HelmClient> HelmFor { get; init; }
    /// <summary>How long one environment may take to read.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<EnvironmentStatus>> CollectAsync(IReadOnlyList<EnvironmentTarget> targets,
        CancellationToken ct) =>
        (await Task.WhenAll(targets.Select(t => Task.Run(() => ReadAsync(t, ct), ct)))).SelectMany(s => s).ToList();

    private async Task<IReadOnlyList<EnvironmentStatus>> ReadAsync(EnvironmentTarget target, CancellationToken ct)
    {
        if (target.Context is not { } context)
            return [new EnvironmentStatus(target.Name, target.Namespace, "")
                { State = "not configured", Message = target.Problem }];
        string server;
        try { server = context.Cluster.Config.Server.ToString(); }
        catch (TargetFailedException e)
        {
            return [new EnvironmentStatus(target.Name, target.Namespace, context.Cluster.Source)
                { State = "not configured", Message = e.Message }];
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        using var kubernetes = new KubernetesClient(context.Cluster.Config) { RequestTimeout = Timeout / 2 };
        try
        {
            var namespaces = target.IsPreviewFamily
                ? await PreviewNamespacesAsync(kubernetes, target.Name, timeout.Token)
                : [(target.Name, target.Namespace)];
            if (namespaces.Count == 0)
                return [new EnvironmentStatus(target.Name, "", server) { Message = "no live preview" }];
            var statuses = new List<EnvironmentStatus>();
            foreach (var (name, ns) in namespaces)
                statuses.Add(await ReadNamespaceAsync(kubernetes, HelmFor(context.Cluster), name, ns, server,
                    timeout.Token));
            return statuses;
        }
        catch (Exception e) when (e is KubernetesException or HelmException or TargetFailedException
                                      or HttpRequestException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var why = (e is OperationCanceledException ? $"{server} did not answer within {Timeout.TotalSeconds:0} s"
                : e.Message) + $" [kubeconfig from {context.Cluster.Source}; --status-timeout gives it longer]";
            return [new EnvironmentStatus(target.Name, target.Namespace, server)
                { State = "unreachable", Message = why }];
        }
    }

    private async Task<EnvironmentStatus> ReadNamespaceAsync(KubernetesClient kubernetes, HelmClient helm, string name,
        string ns, string server, CancellationToken ct)
    {
        if (await kubernetes.TryGetAsync(KubernetesResources.Namespace(ns), ct) == null)
            return new EnvironmentStatus(name, ns, server)
            {
                Message = $"namespace {ns} does not exist: nothing is deployed",
                Releases = Releases.Select(r => new ReleaseStatus(r)).ToList(),
            };
        return new EnvironmentStatus(name, ns, server)
        {
            Releases = await new StatusReader(kubernetes, helm).ReadAsync(Releases, ns, ct),
        };
    }

    /// <summary>The live previews of a preview environment (the namespaces its deploys labelled).</summary>
    private static async Task<IReadOnlyList<(string, string)>> PreviewNamespacesAsync(KubernetesClient kubernetes,
        string environment, CancellationToken ct) =>
        (await kubernetes.ListAsync(KubernetesResources.Namespaces,
            $"slipway.io/preview=true,slipway.io/environment={environment}", ct: ct))
        .Select(n => n["metadata"]!["name"]!.ToString())
        .Order(StringComparer.Ordinal)
        .Select(ns => ($"{environment} {ns}", ns)).ToList();
}
