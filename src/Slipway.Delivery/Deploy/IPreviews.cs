using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;
using Spectre.Console;

namespace Slipway.Delivery.Deploy;

/// <summary>Per-branch preview environments: destroy one (its releases and namespace), list the live ones.</summary>
public interface IPreviews : IHazDeploy
{
    Target DestroyPreview => _ => _
        .Description("Uninstall a preview's releases and delete its namespace (the branch's stop job)")
        .Validates(() =>
        {
            if (!Environment.IsPreview)
                throw new UsageException($"DestroyPreview only destroys previews; '{Environment.Name}' is not one. " +
                                         "Pass --env <preview environment> --preview-branch <branch>.");
            CheckDeployContext();
        })
        .Executes(async ct =>
        {
            var context = DeployContext;
            var environment = context.Environment;
            using var kubernetes = context.Cluster.CreateClient();
            var helm = Helm.WithCluster(context.Cluster.Kubeconfig, context.Cluster.Config.ContextName);
            var ns = context.Namespace;
            var reports = DeployReport.RemoveFor(ArtifactsDirectory, environment.Name, ns);
            if (reports.Count > 0) Log.Information($"removed its report from artifacts/ ({string.Join(", ", reports)})");
            if (await kubernetes.TryGetAsync(KubernetesResources.Namespace(ns), ct) == null)
            {
                Log.Information($"Preview {ns} ({environment.DeployBranch}) does not exist: nothing to destroy.");
                return;
            }
            await HoldDeployTargetAsync(context, ct);
            foreach (var release in Releases.Reverse())
                if (await helm.StatusAsync(release.ReleaseName, ns, ct) != null)
                {
                    await helm.UninstallAsync(release.ReleaseName, ns, wait: true, ct);
                    Log.Information($"uninstalled {release.ReleaseName} from {ns}");
                }
            // pods stop within their grace period and volumes detach first: minutes on a busy cluster
            await kubernetes.DeleteNamespaceAsync(ns, TimeSpan.FromMinutes(5), ct);
            Log.Success($"Preview {ns} of branch {environment.DeployBranch} destroyed.");
        });

    Target ListPreviews => _ => _
        .Description("Show the live preview namespaces, their branch and age")
        .Validates(() => PreviewsCluster.ToString())
        .Executes(async ct =>
        {
            using var kubernetes = PreviewsCluster.CreateClient();
            var namespaces = await kubernetes.ListAsync(KubernetesResources.Namespaces, "slipway.io/preview=true", ct: ct);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Namespace").AddColumn("Branch").AddColumn("Commit").AddColumn("Since").AddColumn("Age");
            foreach (var ns in namespaces.OrderBy(n => KubernetesOperations.Timestamp(n["metadata"]?["creationTimestamp"])))
            {
                var created = KubernetesOperations.Timestamp(ns["metadata"]?["creationTimestamp"]);
                var age = DateTimeOffset.UtcNow - created;
                table.AddRow(
                    Markup.Escape(ns["metadata"]!["name"]!.GetValue<string>()),
                    Markup.Escape(ns["metadata"]?["annotations"]?["slipway.io/branch"]?.GetValue<string>() ?? "?"),
                    Markup.Escape(ns["metadata"]?["labels"]?["slipway.io/git-sha"]?.GetValue<string>() ?? ""),
                    created.ToString("u"),
                    age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min" : $"{age.Minutes} min");
            }
            BuildOutput.Current.Render(table);
            Log.Information($"{namespaces.Count} live preview(s).");
        });

    /// <summary>The cluster previews live in (the preview environment's), resolved once per run.</summary>
    private ClusterTarget PreviewsCluster => RunValues.Get(nameof(PreviewsCluster), () =>
    {
        var environment = Environments.FirstOrDefault(e => e.IsPreview)
            ?? throw new UsageException("The build declares no preview environment.");
        return DeployContextResolver.Resolve(environment, NamespaceOf(environment), Cluster, EnvironmentVariables,
            LocalStackFiles.Kubeconfig, TemporaryDirectory).Cluster;
    });
}
