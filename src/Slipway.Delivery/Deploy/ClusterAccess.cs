using Slipway.Delivery.Environments;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// How a deploy reaches an environment's cluster: the CI variable the environment names (a kubeconfig path or its
/// content), else KUBECONFIG, else — for the local environment — the local stack's kubeconfig.
/// </summary>
public sealed record ClusterAccess(string Kubeconfig, string? Context)
{
    public static ClusterAccess For(DeploymentEnvironment environment, Func<string, string?> variable, string? localStackKubeconfig, AbsolutePath temporary)
    {
        if (environment.KubeconfigVariable != null && variable(environment.KubeconfigVariable) is { Length: > 0 } value)
            return new ClusterAccess(FileFor(environment, value, temporary), environment.KubeContext);
        if (environment.Name == "local" && localStackKubeconfig != null)
            return new ClusterAccess(localStackKubeconfig, environment.KubeContext);
        if (variable("KUBECONFIG") is { Length: > 0 } kubeconfig)
            return new ClusterAccess(kubeconfig, environment.KubeContext);
        if (localStackKubeconfig != null)
        {
            Log.Warning($"No kubeconfig for '{environment.Name}' ({environment.KubeconfigVariable ?? "no variable declared"} and KUBECONFIG unset): deploying to the local stack.");
            return new ClusterAccess(localStackKubeconfig, environment.KubeContext);
        }
        throw new TargetFailedException($"No cluster for environment '{environment.Name}': set {environment.KubeconfigVariable ?? "KUBECONFIG"} " +
                                        "to a kubeconfig (path or content), or run ./build.sh StackUp for the local stack.");
    }

    public KubernetesClient CreateClient() => new(KubeConfig.FromFiles([Kubeconfig], Context));

    /// <summary>A CI variable may hold the kubeconfig itself: it is written to a 0600 file under .nuke/temp.</summary>
    private static string FileFor(DeploymentEnvironment environment, string value, AbsolutePath temporary)
    {
        if (!value.Contains("apiVersion", StringComparison.Ordinal) && File.Exists(value)) return value;
        var file = temporary / "kube" / $"{environment.Name}.kubeconfig";
        file.WritePrivateText(value);
        return file;
    }
}
