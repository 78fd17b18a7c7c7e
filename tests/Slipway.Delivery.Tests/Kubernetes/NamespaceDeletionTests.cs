using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Kubernetes;

/// <summary>A namespace that does not go in time is reported with what its controller says is left.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class NamespaceDeletionTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_namespace_held_by_a_finalizer_names_it_when_the_wait_runs_out()
    {
        var ns = "test-held-" + Guid.NewGuid().ToString("N")[..8];
        var kubernetes = stack.Kubernetes;
        await kubernetes.EnsureNamespaceAsync(ns, new Dictionary<string, string> { ["test"] = "held" });
        await kubernetes.CreateAsync(KubernetesResources.ConfigMaps(ns), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "held", ["finalizers"] = new JsonArray("example.com/hold") },
        });
        try
        {
            var delete = () => kubernetes.DeleteNamespaceAsync(ns, TimeSpan.FromSeconds(15));

            (await delete.Should().ThrowAsync<KubernetesException>()).Which.Message.Should()
                .Contain($"Namespace {ns} is still terminating after 15 s: ").And.Contain("example.com/hold");
        }
        finally
        {
            await kubernetes.MergePatchAsync(KubernetesResources.ConfigMap(ns, "held"),
                new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = null } });
        }
        // once the finalizer is gone, the deletion that was waiting ends
        await KubernetesWait.UntilGoneAsync(kubernetes, KubernetesResources.Namespace(ns), TimeSpan.FromSeconds(60));
    }
}
