using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>The stack's cluster runs real pods: containers on its dockerd, started by the kubelet.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class KubernetesTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _namespace = "test-k8s-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() =>
        await stack.Kubernetes.CreateAsync(KubernetesResources.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = _namespace } });

    public async Task DisposeAsync() => await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));

    [Fact]
    public async Task A_deployment_whose_image_exists_gets_a_replicaset_and_becomes_available()
    {
        await stack.Kubernetes.CreateAsync(KubernetesResources.Secrets(_namespace), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "app-secret" },
            ["stringData"] = new JsonObject { ["password"] = "s3cret-value" },
        });
        await stack.Kubernetes.CreateAsync(KubernetesResources.Deployments(_namespace), Deployment("web", stack.BaseImage, replicas: 2));

        var deployment = await KubernetesWait.UntilAsync(stack.Kubernetes, KubernetesResources.Deployment(_namespace, "web"),
            d => d["status"]?["availableReplicas"]?.GetValue<int>() == 2, TimeSpan.FromSeconds(90));

        deployment["status"]!["readyReplicas"]!.GetValue<int>().Should().Be(2);
        (await stack.Kubernetes.ListAsync(KubernetesResources.ReplicaSets(_namespace), "app=web")).Should().HaveCount(1);
        var pods = await stack.Kubernetes.ListAsync(KubernetesResources.Pods(_namespace), "app=web");
        pods.Should().HaveCount(2).And.OnlyContain(p => p["status"]!["phase"]!.GetValue<string>() == "Running");
        pods.Should().OnlyContain(p => p["spec"]!["nodeName"]!.GetValue<string>() == "slipway-node");
        var containerId = pods[0]["status"]!["containerStatuses"]![0]!["containerID"]!.GetValue<string>();
        containerId.Should().StartWith("docker://", "the kubelet ran it on the stack's dockerd");
        var inspect = await ProcessRunner.RunAsync("docker", ["-H", stack.Environment.DockerHost, "inspect", "-f",
            "{{.State.Running}}", containerId["docker://".Length..]], new ProcessOptions { LogOutput = false });
        inspect.StandardOutput.Trim().Should().Be("true");
        var log = await stack.Kubernetes.GetTextAsync(KubernetesResources.PodLog(_namespace, pods[0]["metadata"]!["name"]!.GetValue<string>()));
        log.Should().Contain("web is up", "the API server reads the container's log from the kubelet");
        var secret = await stack.Kubernetes.GetAsync(KubernetesResources.Secret(_namespace, "app-secret"));
        secret["data"]!["password"]!.GetValue<string>().Should().Be(Convert.ToBase64String("s3cret-value"u8.ToArray()));
    }

    [Fact]
    public async Task A_pod_whose_image_tag_is_missing_waits_with_ErrImagePull_and_a_warning_event()
    {
        var image = $"{stack.Environment.Registry}/slipway-base/dotnet-runtime:no-such-tag";
        await stack.Kubernetes.CreateAsync(KubernetesResources.Deployments(_namespace), Deployment("broken", image, replicas: 1));

        var pods = await KubernetesWait.UntilListAsync(stack.Kubernetes, KubernetesResources.Pods(_namespace), "app=broken",
            list => list.Count == 1 && list[0]["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] is { } reason
                    && reason.GetValue<string>() != "ContainerCreating", TimeSpan.FromSeconds(60));

        var waiting = pods[0]["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        waiting["reason"]!.GetValue<string>().Should().BeOneOf("ErrImagePull", "ImagePullBackOff");
        var events = await stack.Kubernetes.ListAsync(KubernetesResources.Events(_namespace));
        events.Should().Contain(e => e["type"]!.GetValue<string>() == "Warning" && e["message"]!.GetValue<string>().Contains("not found")
                                     && e["message"]!.GetValue<string>().Contains("no-such-tag"));
        var deployment = await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(_namespace, "broken"));
        (deployment["status"]?["availableReplicas"]?.GetValue<int>() ?? 0).Should().Be(0);
    }

    [Theory]
    [InlineData(0, "Complete")]
    [InlineData(4, "Failed")]
    public async Task A_job_completes_or_fails_as_its_container_exits_and_its_log_stays_readable(int exitCode, string condition)
    {
        var job = TestWorkloads.Job("once", stack.BaseImage,
            ["sh", "-c", $"echo created queue orders.created; exit {exitCode}"]);
        await stack.Kubernetes.CreateAsync(KubernetesResources.Jobs(_namespace), job);

        var done = await KubernetesWait.UntilAsync(stack.Kubernetes, KubernetesResources.Job(_namespace, "once"),
            j => j["status"]?["conditions"]?.AsArray().Any(c => c!["status"]!.GetValue<string>() == "True") == true,
            TimeSpan.FromSeconds(60));

        done["status"]!["conditions"]!.AsArray().Should().Contain(c => c!["type"]!.GetValue<string>() == condition);
        var pod = (await stack.Kubernetes.ListAsync(KubernetesResources.Pods(_namespace), "job-name=once")).Single();
        pod["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!.GetValue<int>().Should().Be(exitCode);
        var log = await stack.Kubernetes.GetTextAsync(KubernetesResources.PodLog(_namespace, PodName(pod)));
        log.Should().Contain("created queue orders.created");
    }

    [Fact]
    public async Task The_api_server_reports_version_1_20()
    {
        (await stack.Kubernetes.VersionAsync())["gitVersion"]!.GetValue<string>().Should().Be("v1.20.2");
    }

    private static JsonObject Deployment(string name, string image, int replicas) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["terminationGracePeriodSeconds"] = 1,
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = name, ["image"] = image,
                        ["command"] = new JsonArray("sh", "-c", $"echo {name} is up; exec sleep infinity"),
                    }),
                },
            },
        },
    };

    private static string PodName(JsonObject pod) => pod["metadata"]!["name"]!.GetValue<string>();
}
