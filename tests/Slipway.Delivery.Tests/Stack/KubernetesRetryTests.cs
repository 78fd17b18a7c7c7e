using System.Net;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>
/// Reads from the real API server through a proxy that resets connections: a dropped connection is retried (bounded),
/// a write is not sent twice, and one that keeps failing fails naming the server.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class KubernetesRetryTests(LocalStackFixture stack) : IDisposable
{
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"slipway-retry-{Guid.NewGuid():N}.yaml");

    [Fact]
    public async Task A_read_survives_a_reset_connection_and_fails_naming_the_server_after_its_attempts()
    {
        using (var proxy = new ResettingTcpProxy(ApiServer(), resets: 1))
        using (var client = ThroughProxy(proxy.Port))
        {
            var version = await client.VersionAsync();
            version["gitVersion"]!.GetValue<string>().Should().StartWith("v1.");
            proxy.Connections.Should().Be(2, "the reset connection was followed by one more");
        }

        using (var proxy = new ResettingTcpProxy(ApiServer(), resets: 10))
        using (var client = ThroughProxy(proxy.Port))
        {
            var read = async () => await client.VersionAsync();
            (await read.Should().ThrowAsync<KubernetesException>()).Which.Message.Should()
                .Contain($"The Kubernetes API at https://127.0.0.1:{proxy.Port}/").And.Contain("GET /version");
            proxy.Connections.Should().Be(3, "a read is sent at most three times");
        }
    }

    [Fact]
    public async Task A_write_whose_connection_is_reset_is_not_sent_again()
    {
        using var proxy = new ResettingTcpProxy(ApiServer(), resets: 1);
        using var client = ThroughProxy(proxy.Port);

        var write = async () => await client.MergePatchAsync(KubernetesResources.Namespace("default"),
            new System.Text.Json.Nodes.JsonObject());

        await write.Should().ThrowAsync<KubernetesException>();
        proxy.Connections.Should().Be(1);
    }

    private IPEndPoint ApiServer()
    {
        var server = stack.Kubernetes.Config.Server;
        return new IPEndPoint(IPAddress.Parse(server.Host), server.Port);
    }

    private KubernetesClient ThroughProxy(int port)
    {
        var server = stack.Kubernetes.Config.Server;
        File.WriteAllText(_kubeconfig, File.ReadAllText(stack.Environment.Kubeconfig)
            .Replace($"{server.Host}:{server.Port}", $"{server.Host}:{port}"));
        return new KubernetesClient(KubeConfig.FromFiles([_kubeconfig]));
    }

    public void Dispose() => File.Delete(_kubeconfig);
}
