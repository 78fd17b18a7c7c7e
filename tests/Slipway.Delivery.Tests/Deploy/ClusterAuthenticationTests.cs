using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// The kinds of kubeconfig users bring, against the real API server with RBAC: a namespace-limited ServiceAccount token
/// (deploys there, and is refused elsewhere with the user and namespace named), an exec credential plugin, a client
/// certificate, a token file, and a KUBECONFIG of two files.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ClusterAuthenticationTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-auth-").FullName;
    private string Allowed => $"auth-ok-{_id}";
    private string Other => $"auth-other-{_id}";
    private ClusterCredentials _credentials = null!;

    public async Task InitializeAsync()
    {
        _credentials = new ClusterCredentials(stack, _directory);
        foreach (var ns in new[] { Allowed, Other })
            await stack.Kubernetes.EnsureNamespaceAsync(ns, new Dictionary<string, string> { ["test"] = "auth" });
    }

    public async Task DisposeAsync()
    {
        foreach (var ns in new[] { Allowed, Other }) await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(ns));
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_namespace_limited_service_account_deploys_there_and_is_refused_elsewhere_with_user_and_namespace_named()
    {
        var token = await _credentials.ServiceAccountTokenAsync(Allowed, "deployer");
        var kubeconfig = _credentials.WriteKubeconfig("sa.kubeconfig", "recette", $"    token: {token}\n", Allowed);
        var cluster = new ClusterTarget(kubeconfig, null, "KUBECONFIG_RECETTE", isLocalStack: false);
        using var kubernetes = cluster.CreateClient();
        var chart = TestChart.Write(Path.Combine(_directory, "chart"));
        var release = new ReleaseDefinition("web", AbsolutePath.From(chart), ComponentKind.App) { Timeout = TimeSpan.FromMinutes(3) };
        var deployer = new ReleaseDeployer(new HelmClient(stack.Environment.Helm, cluster.Kubeconfig, cluster.Config.ContextName),
            kubernetes, host => new RegistryClient(host));
        var values = new ValuesLayers([], [new("image", stack.BaseImage)]);

        (await kubernetes.TryEnsureNamespaceAsync(Allowed, new Dictionary<string, string> { ["a"] = "b" }))
            .Should().BeFalse("a namespace-scoped user may not label the (cluster-scoped) namespace");
        var outcome = await deployer.DeployAsync(release, Allowed, values, "0123456789abcdef", CancellationToken.None);
        outcome.Result.Should().Be("installed");
        (await stack.Kubernetes.ListAsync(KubernetesResources.Deployments(Allowed))).Should().ContainSingle();

        var refused = async () => await deployer.DeployAsync(release, Other, values, "0123456789abcdef", CancellationToken.None);
        var error = (await refused.Should().ThrowAsync<TargetFailedException>()).Which.Message;
        error.Should().Contain($"system:serviceaccount:{Allowed}:deployer").And.Contain(Other);
        error.Should().NotContain(token);
        (await stack.Kubernetes.ListAsync(KubernetesResources.Deployments(Other))).Should().BeEmpty();
    }

    [Fact]
    public async Task An_exec_credential_plugin_authenticates_every_request()
    {
        var token = await _credentials.ServiceAccountTokenAsync(Allowed, "exec-user");
        var calls = Path.Combine(_directory, "plugin-calls");
        var plugin = Path.Combine(_directory, "token-plugin.sh");
        await File.WriteAllTextAsync(plugin,
            "#!/bin/sh\necho \"$1\" >> \"" + calls + "\"\n" +
            "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\"," +
            $"\"status\":{{\"token\":\"%s\"}}}}' \"$SLIPWAY_TEST_TOKEN\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var kubeconfig = _credentials.WriteKubeconfig("exec.kubeconfig", "exec", "    exec:\n" +
            "      apiVersion: client.authentication.k8s.io/v1beta1\n" +
            $"      command: {plugin}\n      args: [get-token]\n" +
            $"      env:\n      - name: SLIPWAY_TEST_TOKEN\n        value: {token}\n");

        using var kubernetes = new KubernetesClient(KubeConfig.FromFiles([kubeconfig]));
        (await kubernetes.ListAsync(KubernetesResources.ConfigMaps(Allowed))).Should().NotBeNull();
        var refused = async () => await kubernetes.ListAsync(KubernetesResources.ConfigMaps(Other));

        (await refused.Should().ThrowAsync<KubernetesException>()).Which.Message
            .Should().Contain($"system:serviceaccount:{Allowed}:exec-user");
        File.ReadAllLines(calls).Should().NotBeEmpty().And.OnlyContain(line => line == "get-token");
    }

    [Fact]
    public async Task A_client_certificate_given_by_relative_paths_authenticates_as_its_common_name()
    {
        var user = $"cert-user-{_id}";
        await _credentials.ClientCertificateAsync(Allowed, user);
        var kubeconfig = _credentials.WriteKubeconfig("cert.kubeconfig", "cert",
            $"    client-certificate: {user}.crt\n    client-key: {user}.key\n");

        using var kubernetes = new KubernetesClient(KubeConfig.FromFiles([kubeconfig]));
        await kubernetes.ListAsync(KubernetesResources.Secrets(Allowed));
        var refused = async () => await kubernetes.ListAsync(KubernetesResources.Secrets(Other));

        (await refused.Should().ThrowAsync<KubernetesException>()).Which.Message.Should().Contain($"\"{user}\"").And.Contain(Other);
    }

    [Fact]
    public async Task A_token_file_user_reads_its_token_from_the_file()
    {
        var token = await _credentials.ServiceAccountTokenAsync(Allowed, "file-user");
        await File.WriteAllTextAsync(Path.Combine(_directory, "token"), token + "\n");
        var kubeconfig = _credentials.WriteKubeconfig("file.kubeconfig", "file", "    tokenFile: token\n");

        using var kubernetes = new KubernetesClient(KubeConfig.FromFiles([kubeconfig]));
        var refused = async () => await kubernetes.ListAsync(KubernetesResources.Pods(Other));

        (await kubernetes.ListAsync(KubernetesResources.Pods(Allowed))).Should().NotBeNull();
        (await refused.Should().ThrowAsync<KubernetesException>()).Which.Message
            .Should().Contain($"system:serviceaccount:{Allowed}:file-user");
    }

    [Fact]
    public async Task A_kubeconfig_of_two_files_takes_the_cluster_from_one_and_the_user_from_the_other()
    {
        var token = await _credentials.ServiceAccountTokenAsync(Allowed, "split-user");
        var clusters = _credentials.WriteKubeconfig("clusters.kubeconfig", "split", "", withUser: false);
        var users = _credentials.WriteKubeconfig("users.kubeconfig", "split", $"    token: {token}\n", withCluster: false);
        var cluster = new ClusterTarget(string.Join(Path.PathSeparator, clusters, users), "split", "KUBECONFIG_RECETTE", false);

        using var kubernetes = cluster.CreateClient();
        (await kubernetes.ListAsync(KubernetesResources.ConfigMaps(Allowed))).Should().NotBeNull();
        cluster.Describe().Should().Contain(_credentials.Server).And.Contain("context split").And.Contain("KUBECONFIG_RECETTE");
        var alone = () => KubeConfig.FromFiles([clusters]);
        alone.Should().Throw<KubernetesConfigException>().WithMessage("*user 'split-user'*");
    }
}
