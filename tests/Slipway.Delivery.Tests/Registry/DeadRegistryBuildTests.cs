using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>
/// `./build.sh DockerBuild --registry` at a registry that takes connections and never answers, then at a port that
/// refuses them: each run fails within a minute, naming the registry, the option that chose it and the timeouts,
/// with no stack trace.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class DeadRegistryBuildTests
{
    [Fact]
    public async Task A_silent_or_refusing_registry_fails_the_build_within_a_minute_naming_it()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0); // listens, never accepts: the kernel takes connections
        silent.Start(backlog: 32);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();
        var unanswered = await BuildCommand.RunAsync(new Dictionary<string, string?>
        {
            [RegistryTimeouts.ResponseVariable] = "5",
        }, "DockerBuild", "--env", "local", "--registry", $"127.0.0.1:{port}");
        var took = clock.Elapsed;
        silent.Stop();

        unanswered.ExitCode.Should().NotBe(0, unanswered.StandardOutput);
        took.Should().BeLessThan(TimeSpan.FromMinutes(1), "a registry that never answers must not hold the build");
        var said = ConsoleText.OneLine(unanswered.StandardOutput);
        said.Should().Contain($"registry 127.0.0.1:{port} did not answer").And.Contain("within 5 s (2 attempts)")
            .And.Contain("set by --registry, from command line --registry").And.NotContain("   at ");

        var refused = await BuildCommand.RunAsync("DockerBuild", "--env", "local", "--registry", $"127.0.0.1:{port}");

        refused.ExitCode.Should().NotBe(0, refused.StandardOutput);
        ConsoleText.OneLine(refused.StandardOutput).Should()
            .Contain($"registry 127.0.0.1:{port} cannot be reached: Connection refused")
            .And.Contain("--registry").And.NotContain("   at ");
    }
}
