using Slipway.Delivery.Environments;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Chooses the one cluster an environment deploys to: the local stack for an environment that uses it (or when the
/// user asks for it with <c>--cluster local</c>), else the kubeconfig its variable gives and nothing else — never an
/// ambient KUBECONFIG or ~/.kube/config, whose current context may be another environment's (or production).
/// </summary>
public static class DeployContextResolver
{
    public const string LocalCluster = "local";

    public static DeployContext Resolve(DeploymentEnvironment environment, string ns, string? clusterOption,
        IReadOnlyDictionary<string, string> variables, string localStackKubeconfig, AbsolutePath temporary)
    {
        if (clusterOption != null && !clusterOption.Equals(LocalCluster, StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--cluster takes '{LocalCluster}' (deploy into the local stack) or nothing; got " +
                                     $"'{clusterOption}'. An environment's own cluster comes from its kubeconfig variable.");
        if (environment.UsesLocalStack || clusterOption != null)
            return new DeployContext(environment, ns,
                new ClusterTarget(localStackKubeconfig, null, "the local stack", isLocalStack: true));

        var name = environment.KubeconfigVariable ?? throw new UsageException(
            $"Environment '{environment.Name}' names no kubeconfig variable, so its cluster is unknown: declare " +
            $"KubeconfigVariable for it in build/, or pass --cluster {LocalCluster} to deploy it into the local stack.");
        if (variables.GetValueOrDefault(name) is not { Length: > 0 } value)
            throw new UsageException(
                $"Environment '{environment.Name}' deploys to the cluster of {name}, which is not set: export {name}=<path " +
                $"to its kubeconfig> (in CI, a File variable). Nothing else is used (not KUBECONFIG, not ~/.kube/config). " +
                $"To deploy '{environment.Name}' into the local stack instead, pass --cluster {LocalCluster}.");
        var cluster = new ClusterTarget(ClusterTarget.FileFor(environment.Name, value, temporary), environment.KubeContext,
            name, isLocalStack: false);
        try
        {
            _ = cluster.Config; // a missing file, an unknown context or failing credentials stop the run before it starts
        }
        catch (TargetFailedException e)
        {
            throw new UsageException($"The kubeconfig of environment '{environment.Name}' ({name}) cannot be used: {e.Message}");
        }
        return new DeployContext(environment, ns, cluster);
    }
}
