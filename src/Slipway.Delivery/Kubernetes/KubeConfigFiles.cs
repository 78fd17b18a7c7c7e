using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Kubernetes;

/// <summary>
/// kubeconfig files merged into KubernetesClient's models, the first definition of a name winning (as kubectl does);
/// relative file paths are made absolute against the file that names them.
/// </summary>
internal sealed class KubeConfigFiles
{
    public string? CurrentContext { get; private set; }
    public Dictionary<string, Context> Contexts { get; } = new();
    public Dictionary<string, Cluster> Clusters { get; } = new();
    public Dictionary<string, User> Users { get; } = new();
    /// <summary>Users authenticating with a <c>tokenFile</c> (absolute path), which the library's model lacks.</summary>
    public Dictionary<string, string> TokenFiles { get; } = new();

    public void Add(string path, YamlMappingNode root)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CurrentContext ??= Scalar(root, "current-context");
        foreach (var (name, body) in Entries(root, "contexts", "context"))
            Contexts.TryAdd(name, new Context
            {
                Name = name,
                ContextDetails = new ContextDetails
                {
                    Cluster = Scalar(body, "cluster"), User = Scalar(body, "user"), Namespace = Scalar(body, "namespace"),
                },
            });
        foreach (var (name, body) in Entries(root, "clusters", "cluster"))
            Clusters.TryAdd(name, new Cluster
            {
                Name = name,
                ClusterEndpoint = new ClusterEndpoint
                {
                    Server = Scalar(body, "server"),
                    CertificateAuthority = FilePath(body, "certificate-authority", directory),
                    CertificateAuthorityData = Scalar(body, "certificate-authority-data"),
                    TlsServerName = Scalar(body, "tls-server-name"),
                    SkipTlsVerify = Scalar(body, "insecure-skip-tls-verify") == "true",
                },
            });
        foreach (var (name, body) in Entries(root, "users", "user"))
        {
            if (!Users.TryAdd(name, UserOf(name, body, directory))) continue;
            if (FilePath(body, "tokenFile", directory) is { } tokenFile) TokenFiles[name] = tokenFile;
        }
    }

    private static User UserOf(string name, YamlMappingNode body, string directory) => new()
    {
        Name = name,
        UserCredentials = new UserCredentials
        {
            Token = Scalar(body, "token"),
            UserName = Scalar(body, "username"),
            Password = Scalar(body, "password"),
            ClientCertificate = FilePath(body, "client-certificate", directory),
            ClientCertificateData = Scalar(body, "client-certificate-data"),
            ClientKey = FilePath(body, "client-key", directory),
            ClientKeyData = Scalar(body, "client-key-data"),
            ExternalExecution = Child(body, "exec") is { } exec ? ExecOf(exec) : null,
            AuthProvider = Child(body, "auth-provider") is { } provider
                ? new AuthProvider { Name = Scalar(provider, "name"), Config = Map(Child(provider, "config")) }
                : null,
        },
    };

    private static ExternalExecution ExecOf(YamlMappingNode exec) => new()
    {
        ApiVersion = Scalar(exec, "apiVersion"),
        Command = Scalar(exec, "command"),
        Arguments = exec.Children.TryGetValue("args", out var args) && args is YamlSequenceNode list
            ? list.OfType<YamlScalarNode>().Select(a => a.Value ?? "").ToList()
            : null,
        EnvironmentVariables = exec.Children.TryGetValue("env", out var env) && env is YamlSequenceNode variables
            ? variables.OfType<YamlMappingNode>().Select(Map).ToList()
            : null,
        InstallHint = Scalar(exec, "installHint"),
    };

    private static IEnumerable<(string Name, YamlMappingNode Body)> Entries(YamlMappingNode root, string list, string item)
    {
        if (!root.Children.TryGetValue(list, out var node) || node is not YamlSequenceNode sequence) yield break;
        foreach (var entry in sequence.OfType<YamlMappingNode>())
            if (Scalar(entry, "name") is { } name && Child(entry, item) is { } body)
                yield return (name, body);
    }

    private static YamlMappingNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    private static Dictionary<string, string> Map(YamlMappingNode? node) =>
        node?.Children.Where(c => c.Key is YamlScalarNode && c.Value is YamlScalarNode)
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? "") ?? [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value.Length: > 0 } scalar
            ? scalar.Value
            : null;

    private static string? FilePath(YamlMappingNode node, string key, string directory) =>
        Scalar(node, key) is { } path ? Path.IsPathRooted(path) ? path : Path.Combine(directory, path) : null;
}
