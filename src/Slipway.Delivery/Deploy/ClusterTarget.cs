using Slipway.Delivery.Kubernetes;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// The one cluster a run deploys to: a kubeconfig (path list), the context to use in it, and where it came from (the
/// environment's variable, or the local stack). Read lazily: the local stack's kubeconfig exists only after StackUp.
/// </summary>
public sealed class ClusterTarget
{
    private readonly Lazy<KubeConfig> _config;

    public ClusterTarget(string kubeconfig, string? context, string source, bool isLocalStack)
    {
        Kubeconfig = kubeconfig;
        Context = context;
        Source = source;
        IsLocalStack = isLocalStack;
        _config = new Lazy<KubeConfig>(() => KubeConfig.FromFiles(
            kubeconfig.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), context));
    }

    /// <summary>The kubeconfig path, or a path list as KUBECONFIG takes it.</summary>
    public string Kubeconfig { get; }
    /// <summary>The environment's declared context; null uses the kubeconfig's current context.</summary>
    public string? Context { get; }
    /// <summary>Where the kubeconfig came from, for messages: <c>KUBECONFIG_RECETTE</c>, <c>the local stack</c>.</summary>
    public string Source { get; }
    public bool IsLocalStack { get; }

    /// <summary>The kubeconfig read, its context chosen and its credentials set up (an exec plugin runs here).</summary>
    public KubeConfig Config => _config.Value;

    public KubernetesClient CreateClient() => new(Config);

    /// <summary>Server, context and user, e.g. <c>https://10.0.0.1:6443 (context recette, user deployer, from KUBECONFIG_RECETTE)</c>.</summary>
    public string Describe() => IsLocalStack && !File.Exists(Kubeconfig)
        ? $"the local stack (started by StackUp; {Kubeconfig})"
        : $"{Config.Server} (context {Config.ContextName}{(Config.UserName != null ? $", user {Config.UserName}" : "")}, " +
          $"from {Source})";

    /// <summary>A CI variable may hold the kubeconfig itself: it is written to a 0600 file under .nuke/temp.</summary>
    public static string FileFor(string environment, string value, AbsolutePath temporary)
    {
        if (!value.Contains("apiVersion", StringComparison.Ordinal) && !value.Contains('\n')) return value;
        var file = temporary / "kube" / $"{environment}.kubeconfig";
        file.WritePrivateText(value);
        return file;
    }
}
