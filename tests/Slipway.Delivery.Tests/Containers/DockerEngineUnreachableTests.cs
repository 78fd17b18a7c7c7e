using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Slipway.Delivery.Containers;
using Xunit;

namespace Slipway.Delivery.Tests.Containers;

/// <summary>An engine that is not there: the error names the endpoint, what set it, and what to do.</summary>
public sealed class DockerEngineUnreachableTests
{
    [Fact]
    public async Task A_closed_tcp_port_names_DOCKER_HOST_and_what_to_check()
    {
        var host = $"tcp://127.0.0.1:{ClosedPort()}";
        var variables = new Dictionary<string, string> { ["DOCKER_HOST"] = host };
        using var docker = DockerEngine.Connect(DockerEndpoint.FromEnvironment(variables));

        var build = () => docker.BuildAsync(new DockerBuildRequest { Tags = ["x:1"] }, new MemoryStream());

        (await build.Should().ThrowAsync<DockerEndpointException>()).Which.Message
            .Should().StartWith($"Cannot reach the Docker engine at {host} (DOCKER_HOST)")
            .And.Contain("refused").And.Contain("Check that DOCKER_HOST");
        (await docker.PingAsync()).Should().StartWith($"Cannot reach the Docker engine at {host}");
    }

    [Fact]
    public async Task A_missing_socket_says_how_to_start_the_engine_it_belongs_to()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"slipway-no-engine-{Guid.NewGuid():N}.sock");
        var endpoint = DockerEndpoint.Given("unix://" + socket, "the local stack's dockerd", "Run ./build.sh StackUp.");
        using var docker = DockerEngine.Connect(endpoint);

        var inspect = () => docker.InspectImageAsync("anything:1");

        (await inspect.Should().ThrowAsync<DockerEndpointException>()).Which.Message
            .Should().Contain(socket).And.Contain("the local stack's dockerd").And.EndWith("Run ./build.sh StackUp.");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
