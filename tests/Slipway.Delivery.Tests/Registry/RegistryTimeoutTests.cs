using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Slipway.Delivery.Registry;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>
/// A registry that takes connections and never answers, and one whose port refuses them: both fail within their
/// timeouts, naming the registry and what chose it, instead of hanging.
/// </summary>
public sealed class RegistryTimeoutTests : IDisposable
{
    // the kernel completes connections to a listening socket that never accepts them: requests go unanswered
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private static readonly RegistryTimeouts Short = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

    public RegistryTimeoutTests() => _silent.Start(backlog: 16);

    private string Silent => $"127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}";

    [Fact]
    public async Task A_registry_that_never_answers_fails_after_one_more_attempt_naming_it_and_its_origin()
    {
        using var client = new RegistryClient(Silent, timeouts: Short) { Origin = "--registry, from command line" };
        var clock = Stopwatch.StartNew();

        var head = async () => await client.HeadManifestAsync("shop/web-ui", "1.0.0");

        var failure = (await head.Should().ThrowAsync<RegistryException>()).Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        failure.Code.Should().Be(RegistryException.NoAnswer);
        failure.Message.Should().Contain($"registry {Silent} did not answer HEAD /v2/shop/web-ui/manifests/1.0.0")
            .And.Contain("2 attempts").And.Contain("(set by --registry, from command line)")
            .And.Contain(RegistryTimeouts.ResponseVariable);
        (await client.PingAsync()).Should().Contain("did not answer GET /v2/");
    }

    [Fact]
    public async Task A_refused_connection_fails_at_once_naming_the_registry_without_a_stack_trace()
    {
        var port = ((IPEndPoint)_silent.LocalEndpoint).Port;
        _silent.Stop(); // nothing listens there now
        using var client = new RegistryClient($"127.0.0.1:{port}", timeouts: Short);

        var head = async () => await client.HeadManifestAsync("shop/web-ui", "1.0.0");

        var failure = (await head.Should().ThrowAsync<RegistryException>()).Which;
        failure.Code.Should().Be(RegistryException.Unreachable);
        failure.Message.Should().StartWith($"registry 127.0.0.1:{port} cannot be reached: Connection refused")
            .And.NotContain("   at ");
    }

    public void Dispose() => _silent.Stop();
}
