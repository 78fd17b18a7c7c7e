using Slipway.Delivery.Containers;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Stack;
using Slipway.LocalStack;
using Slipway.Delivery.Tests.Helm;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>The running local stack's endpoints, read from the stack.env that ./build.sh StackUp writes.</summary>
public sealed class LocalStackFixture : IDisposable
{
    public LocalStackFixture()
    {
        var file = Path.Combine(RepositoryRoot.Path, ".nuke", "temp", "stack", "stack.env");
        Environment = StackEnvironment.Read(file)
            ?? throw new InvalidOperationException($"The local stack is not up ({file} is missing): run ./build.sh StackUp, or run the tests with ./build.sh Test.");
        Kubernetes = new KubernetesClient(KubeConfig.FromFiles([Environment.Kubeconfig]));
        Docker = DockerEngine.Connect(Environment.DockerEndpoint);
    }

    public StackEnvironment Environment { get; }
    public KubernetesClient Kubernetes { get; }
    public IDockerEngine Docker { get; }

    /// <summary>The helm a build run uses, for the stack's cluster.</summary>
    public HelmClient Helm => TestHelm.Default.WithCluster(Environment.Kubeconfig, null);

    /// <summary>A pinned helm release ("3.18.0", "4.1.4") for the stack's cluster.</summary>
    public Task<HelmClient> HelmAsync(string version) => TestHelm.InstallAsync(version, Environment.Kubeconfig);

    /// <summary>The .NET runtime base image the stack pushed.</summary>
    public string BaseImage => $"{Environment.Registry}/{BaseImages.RuntimeRepository}:{BaseImages.RuntimeTag}";

    public void Dispose()
    {
        Kubernetes.Dispose();
        Docker.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "local stack";
}
