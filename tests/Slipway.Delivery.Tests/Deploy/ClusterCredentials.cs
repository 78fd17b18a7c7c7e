using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Tests.Stack;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// Real credentials of the kinds users bring, minted on the local API server: a ServiceAccount token and a client
/// certificate, each admin of one namespace only (RBAC), and kubeconfig files that use them.
/// </summary>
internal sealed class ClusterCredentials(LocalStackFixture stack, string directory)
{
    public string Server => stack.Kubernetes.Config.Server.ToString().TrimEnd('/');

    /// <summary>The CA that signs the API server's certificate (and the client certificates it accepts).</summary>
    public string CaPem => File.ReadAllText(Path.Combine(Pki, "ca.crt"));

    private string Pki => Path.Combine(Path.GetDirectoryName(stack.Environment.Kubeconfig)!, "pki");

    /// <summary>Creates a ServiceAccount with the admin role in <paramref name="ns"/> and nothing elsewhere; returns its token.</summary>
    public async Task<string> ServiceAccountTokenAsync(string ns, string name)
    {
        await stack.Kubernetes.CreateAsync(KubernetesResources.ServiceAccounts(ns),
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        await GrantNamespaceAsync(ns, name, new JsonObject { ["kind"] = "ServiceAccount", ["name"] = name, ["namespace"] = ns });
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var secrets = await stack.Kubernetes.ListAsync(KubernetesResources.Secrets(ns), fieldSelector: "type=kubernetes.io/service-account-token");
            var token = secrets.FirstOrDefault(s => s["metadata"]?["annotations"]?["kubernetes.io/service-account.name"]?.GetValue<string>() == name)
                ?["data"]?["token"]?.GetValue<string>();
            if (token != null) return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The controller-manager made no token for ServiceAccount {ns}/{name}.");
    }

    /// <summary>A client certificate for <paramref name="user"/> signed by the cluster CA, admin in <paramref name="ns"/>.</summary>
    public async Task<(string CertificateFile, string KeyFile)> ClientCertificateAsync(string ns, string user)
    {
        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(Pki, "ca.crt"), Path.Combine(Pki, "ca.key"));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={user}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1),
            RandomNumberGenerator.GetBytes(12));
        var certificateFile = Path.Combine(directory, $"{user}.crt");
        var keyFile = Path.Combine(directory, $"{user}.key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        await GrantNamespaceAsync(ns, user, new JsonObject { ["kind"] = "User", ["name"] = user, ["apiGroup"] = "rbac.authorization.k8s.io" });
        return (certificateFile, keyFile);
    }

    /// <summary>A kubeconfig with one cluster (this stack), one context and the given user body.</summary>
    public string WriteKubeconfig(string file, string context, string userYaml, string? ns = null, bool withCluster = true,
        bool withUser = true)
    {
        var caData = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CaPem));
        var text = "apiVersion: v1\nkind: Config\n" +
                   (withCluster
                       ? $"current-context: {context}\nclusters:\n- name: stack\n  cluster:\n    server: {Server}\n" +
                         $"    certificate-authority-data: {caData}\ncontexts:\n- name: {context}\n  context:\n" +
                         $"    cluster: stack\n    user: {context}-user\n{(ns != null ? $"    namespace: {ns}\n" : "")}"
                       : "") +
                   (withUser ? $"users:\n- name: {context}-user\n  user:\n{userYaml}" : "");
        var path = Path.Combine(directory, file);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The built-in <c>admin</c> role, bound in one namespace: what a team's deployer usually gets.</summary>
    private async Task GrantNamespaceAsync(string ns, string name, JsonObject subject) =>
        await stack.Kubernetes.CreateAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"admin-{name}" },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "admin" },
            ["subjects"] = new JsonArray(subject),
        });
}
