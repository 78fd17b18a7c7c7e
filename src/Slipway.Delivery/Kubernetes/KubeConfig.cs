using System.Security.Cryptography.X509Certificates;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Kubernetes;

/// <summary>
/// Connection settings for one cluster, read from a kubeconfig (a file, a KUBECONFIG list, a chosen context)
/// or from the in-cluster service account.
/// </summary>
public sealed record KubeConfig
{
    public required Uri Server { get; init; }
    public string? Token { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public X509Certificate2? ClientCertificate { get; init; }
    /// <summary>PEM of the CA that signs the API server's certificate; null trusts the system store.</summary>
    public string? CertificateAuthorityPem { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? Namespace { get; init; }
    public string? ContextName { get; init; }

    private const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>KUBECONFIG (a path list), else ~/.kube/config, else the in-cluster service account.</summary>
    public static KubeConfig Load(string? kubeconfig = null, string? context = null)
    {
        var paths = (kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (paths.Count == 0)
        {
            var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            if (File.Exists(home)) paths.Add(home);
            else if (File.Exists(Path.Combine(ServiceAccountDirectory, "token"))) return InCluster();
            else throw new KubernetesConfigException("No kubeconfig: set KUBECONFIG or --kubeconfig, or create ~/.kube/config.");
        }
        return FromFiles(paths, context);
    }

    /// <summary>Merges the files as kubectl does: the first file to define a name wins.</summary>
    public static KubeConfig FromFiles(IReadOnlyList<string> paths, string? context = null)
    {
        var clusters = new Dictionary<string, YamlMappingNode>();
        var users = new Dictionary<string, YamlMappingNode>();
        var contexts = new Dictionary<string, YamlMappingNode>();
        string? current = null;
        foreach (var path in paths)
        {
            if (!File.Exists(path)) throw new KubernetesConfigException($"Kubeconfig file {path} does not exist.");
            var root = ReadYaml(path);
            current ??= Scalar(root, "current-context");
            Collect(root, "clusters", "cluster", clusters);
            Collect(root, "users", "user", users);
            Collect(root, "contexts", "context", contexts);
        }
        var contextName = context ?? current
            ?? throw new KubernetesConfigException($"The kubeconfig ({string.Join(", ", paths)}) has no current-context: pass a context name.");
        if (!contexts.TryGetValue(contextName, out var contextNode))
            throw new KubernetesConfigException($"Context '{contextName}' is not in the kubeconfig. Known contexts: {string.Join(", ", contexts.Keys)}.");
        var clusterName = Scalar(contextNode, "cluster") ?? throw new KubernetesConfigException($"Context '{contextName}' names no cluster.");
        if (!clusters.TryGetValue(clusterName, out var cluster))
            throw new KubernetesConfigException($"Context '{contextName}' uses cluster '{clusterName}', which the kubeconfig does not define.");
        var user = Scalar(contextNode, "user") is { } userName && users.TryGetValue(userName, out var u) ? u : null;
        var directory = Path.GetDirectoryName(Path.GetFullPath(paths[0]))!;

        return new KubeConfig
        {
            Server = new Uri(Scalar(cluster, "server") ?? throw new KubernetesConfigException($"Cluster '{clusterName}' has no server.")),
            CertificateAuthorityPem = DataOrFile(cluster, "certificate-authority", directory),
            InsecureSkipTlsVerify = Scalar(cluster, "insecure-skip-tls-verify") == "true",
            Token = user == null ? null : Scalar(user, "token") ?? (Scalar(user, "tokenFile") is { } tokenFile ? File.ReadAllText(Resolve(tokenFile, directory)).Trim() : null),
            Username = user == null ? null : Scalar(user, "username"),
            Password = user == null ? null : Scalar(user, "password"),
            ClientCertificate = user == null ? null : ClientCertificateOf(user, directory),
            Namespace = Scalar(contextNode, "namespace"),
            ContextName = contextName,
        };
    }

    public static KubeConfig InCluster()
    {
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT") ?? "443";
        if (host == null) throw new KubernetesConfigException("Not running in a cluster: KUBERNETES_SERVICE_HOST is not set.");
        return new KubeConfig
        {
            Server = new Uri($"https://{(host.Contains(':') ? $"[{host}]" : host)}:{port}"),
            Token = File.ReadAllText(Path.Combine(ServiceAccountDirectory, "token")).Trim(),
            CertificateAuthorityPem = File.ReadAllText(Path.Combine(ServiceAccountDirectory, "ca.crt")),
            Namespace = File.ReadAllText(Path.Combine(ServiceAccountDirectory, "namespace")).Trim(),
            ContextName = "in-cluster",
        };
    }

    private static YamlMappingNode ReadYaml(string path)
    {
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

    private static void Collect(YamlMappingNode root, string listKey, string itemKey, Dictionary<string, YamlMappingNode> into)
    {
        if (!root.Children.TryGetValue(listKey, out var list) || list is not YamlSequenceNode sequence) return;
        foreach (var entry in sequence.OfType<YamlMappingNode>())
            if (Scalar(entry, "name") is { } name && entry.Children.TryGetValue(itemKey, out var item) && item is YamlMappingNode body)
                into.TryAdd(name, body);
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value) ? scalar.Value : null;

    private static string? DataOrFile(YamlMappingNode node, string key, string directory) =>
        Scalar(node, key + "-data") is { } data ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data))
        : Scalar(node, key) is { } file ? File.ReadAllText(Resolve(file, directory))
        : null;

    private static X509Certificate2? ClientCertificateOf(YamlMappingNode user, string directory)
    {
        var certificate = DataOrFile(user, "client-certificate", directory);
        var key = DataOrFile(user, "client-key", directory);
        if (certificate == null || key == null) return null;
        using var ephemeral = X509Certificate2.CreateFromPem(certificate, key);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    private static string Resolve(string path, string directory) => Path.IsPathRooted(path) ? path : Path.Combine(directory, path);
}
