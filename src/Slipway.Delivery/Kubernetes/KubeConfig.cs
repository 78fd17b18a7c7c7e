using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Kubernetes;

/// <summary>
/// One cluster as a kubeconfig (a file, a KUBECONFIG path list, a chosen context) or the in-cluster service account
/// describes it. Authentication and TLS are KubernetesClient's (<see cref="Client"/>): client certificates, bearer
/// tokens, exec credential plugins, OIDC, CA data or file, <c>tls-server-name</c>, <c>insecure-skip-tls-verify</c>.
/// The files are read here rather than by the library's loader, which costs ~0.4 s of start-up per process;
/// <c>tokenFile</c>, which the library does not read, is added.
/// </summary>
public sealed record KubeConfig
{
    public required Uri Server { get; init; }
    public string? Namespace { get; init; }
    public required string ContextName { get; init; }
    /// <summary>The user the context authenticates as (its name in the kubeconfig).</summary>
    public string? UserName { get; init; }
    /// <summary>The files it was read from (empty in a cluster).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
    /// <summary>The library's settings: TLS trust, client certificate, token providers.</summary>
    public required KubernetesClientConfiguration Client { get; init; }

    private const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The given path list (else KUBECONFIG, else ~/.kube/config), else the in-cluster service account.</summary>
    public static KubeConfig Load(string? kubeconfig = null, string? context = null)
    {
        var paths = (kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (paths.Count > 0) return FromFiles(paths, context);
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home)) return FromFiles([home], context);
        if (File.Exists(Path.Combine(ServiceAccountDirectory, "token"))) return InCluster();
        throw new KubernetesConfigException("No kubeconfig: set KUBECONFIG or --kubeconfig, or create ~/.kube/config.");
    }

    /// <summary>Merges the files as kubectl does: the first file to define a name (or current-context) wins.</summary>
    public static KubeConfig FromFiles(IReadOnlyList<string> paths, string? context = null)
    {
        var merged = new KubeConfigFiles();
        foreach (var path in paths) merged.Add(path, ReadYaml(path));
        var contextName = context ?? merged.CurrentContext ?? throw new KubernetesConfigException(
            $"The kubeconfig ({string.Join(", ", paths)}) has no current-context: name the context to use.");
        if (!merged.Contexts.TryGetValue(contextName, out var chosen))
            throw new KubernetesConfigException($"Context '{contextName}' is not in the kubeconfig " +
                $"({string.Join(", ", paths)}). Its contexts: {string.Join(", ", merged.Contexts.Keys)}.");
        var clusterName = chosen.ContextDetails?.Cluster
            ?? throw new KubernetesConfigException($"Context '{contextName}' names no cluster.");
        if (!merged.Clusters.TryGetValue(clusterName, out var cluster))
            throw new KubernetesConfigException(
                $"Context '{contextName}' uses cluster '{clusterName}', which the kubeconfig does not define.");
        var userName = chosen.ContextDetails!.User;
        var user = userName != null && merged.Users.TryGetValue(userName, out var u) ? u : null;
        if (userName != null && user == null)
            throw new KubernetesConfigException(
                $"Context '{contextName}' uses user '{userName}', which the kubeconfig does not define.");

        var tokenFile = user == null ? null : merged.TokenFiles.GetValueOrDefault(user.Name);
        var library = new K8SConfiguration
        {
            CurrentContext = contextName,
            Contexts = [tokenFile != null && !HasOtherCredentials(user!) ? WithoutUser(chosen) : chosen],
            Clusters = [cluster],
            Users = user != null ? [user] : [],
        };
        var client = Build(library, contextName);
        if (tokenFile != null && client.AccessToken == null && client.TokenProvider == null)
            client.TokenProvider = new TokenFileAuth(tokenFile);
        return new KubeConfig
        {
            Server = new Uri(client.Host),
            Namespace = chosen.ContextDetails.Namespace,
            ContextName = contextName,
            UserName = userName,
            Files = paths,
            Client = client,
        };
    }

    /// <summary>The pod's service account, as the library reads it.</summary>
    public static KubeConfig InCluster()
    {
        if (!KubernetesClientConfiguration.IsInCluster())
            throw new KubernetesConfigException(
                "Not running in a cluster: KUBERNETES_SERVICE_HOST or the service account token is missing.");
        var client = KubernetesClientConfiguration.InClusterConfig();
        return new KubeConfig
        {
            Server = new Uri(client.Host),
            Namespace = client.Namespace,
            ContextName = "in-cluster",
            UserName = "service account",
            Client = client,
        };
    }

    private static KubernetesClientConfiguration Build(K8SConfiguration configuration, string context)
    {
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(configuration, context);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or IOException
                                      or System.Security.Cryptography.CryptographicException)
        {
            throw new KubernetesConfigException($"Context '{context}' cannot be used: {e.Message}");
        }
    }

    private static bool HasOtherCredentials(User user) =>
        user.UserCredentials is { } c && (c.Token ?? c.ClientCertificateData ?? c.ClientCertificate ?? c.UserName) != null
        || user.UserCredentials?.ExternalExecution != null || user.UserCredentials?.AuthProvider != null;

    private static Context WithoutUser(Context context) => new()
    {
        Name = context.Name,
        ContextDetails = new ContextDetails { Cluster = context.ContextDetails!.Cluster, Namespace = context.ContextDetails.Namespace },
    };

    private static YamlMappingNode ReadYaml(string path)
    {
        if (!File.Exists(path)) throw new KubernetesConfigException($"Kubeconfig file {path} does not exist.");
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(path);
            stream.Load(reader);
            return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new KubernetesConfigException($"Kubeconfig {path} is empty or not a mapping.");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new KubernetesConfigException($"Kubeconfig {path} is not valid YAML (line {e.Start.Line}): {e.Message}");
        }
    }
}
