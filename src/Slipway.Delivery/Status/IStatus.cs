using Slipway.Delivery.Deploy;
using Slipway.Delivery.Environments;
using Slipway.Engine;

namespace Slipway.Delivery.Status;

/// <summary>
/// "What runs where?": every environment's live releases at once (each preview its own column), with images and
/// digests, chart, revision, when and from which commit, ready pods and drift. Reads only; a cluster that cannot be
/// read is shown as such, never fatal.
/// </summary>
public interface IStatus : IHazDeployContext
{
    [Parameter("Seconds Status gives one environment's cluster before showing it unreachable (default 20)")]
    int StatusTimeout => TryGetValue<int?>(() => StatusTimeout) ?? 20;

    Target Status => _ => _
        .Description("Show what runs in every environment (images, revisions, readiness, drift); " +
                     "artifacts/status.md, .json and .html")
        .Executes(async ct =>
        {
            var collector = new StatusCollector
            {
                Releases = Releases.Select(r => r.ReleaseName).ToList(),
                HelmFor = cluster => Helm.WithCluster(cluster.Kubeconfig, cluster.Config.ContextName),
                Timeout = TimeSpan.FromSeconds(StatusTimeout),
            };
            var readAt = DateTimeOffset.UtcNow;
            var environments = await collector.CollectAsync(Environments.Select(TargetOf).ToList(), ct);
            var matrix = StatusMatrix.Of(environments, collector.Releases);
            StatusReport.Render(matrix);
            StatusReport.Write(ArtifactsDirectory, matrix, readAt);
            var drifted = environments.Count(e => e.HasDrift);
            Log.Information($"{environments.Count(e => e.IsReadable)} of {environments.Count} environment(s) read" +
                            (drifted > 0 ? $", {drifted} with drift (the next deploy of each repairs it)" : "") +
                            $"; {ArtifactsDirectory / "status.html"}");
        });

    /// <summary>Where an environment's releases live, or why that is unknown here.</summary>
    private EnvironmentTarget TargetOf(DeploymentEnvironment environment)
    {
        try
        {
            var context = DeployContextResolver.Resolve(environment, NamespaceOf(environment), Cluster,
                EnvironmentVariables, LocalStackFiles.Kubeconfig, TemporaryDirectory);
            return new EnvironmentTarget(environment.Name, context.Namespace, context)
            {
                IsPreviewFamily = environment.IsPreview,
            };
        }
        catch (UsageException e)
        {
            return new EnvironmentTarget(environment.Name, NamespaceOf(environment), null, e.Message);
        }
    }
}
