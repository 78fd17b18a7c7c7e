using FluentAssertions;
using Slipway.Delivery.Stack;
using Slipway.LocalStack;
using Slipway.LocalStack.Parts;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>A stack part in a throw-away state directory: started, found running, stopped by pid, port conflicts named.</summary>
public sealed class DaemonTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("slipway-stack-").FullName;

    [Fact]
    public async Task A_started_part_is_found_by_its_pid_file_and_stop_leaves_no_process()
    {
        var paths = Paths();
        var part = new RegistryPart("registry", paths, FreePort(), null);

        (await part.EnsureStartedAsync(CancellationToken.None)).Should().BeTrue();
        var pid = part.Daemon.RunningPid();
        pid.Should().NotBeNull();
        (await part.EnsureStartedAsync(CancellationToken.None)).Should().BeFalse("a running part is left alone");

        (await part.Daemon.StopAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        PosixSignals.IsAlive(pid!.Value).Should().BeFalse();
        part.Daemon.RunningPid().Should().BeNull();
        (await part.Daemon.StopAsync(TimeSpan.FromSeconds(1))).Should().BeFalse("nothing is left to stop");
    }

    [Fact]
    public async Task A_taken_port_is_named_with_what_to_do()
    {
        var port = FreePort();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        squatter.Start();
        var part = new RegistryPart("registry", Paths(), port, null);

        var start = () => part.EnsureStartedAsync(CancellationToken.None);

        (await start.Should().ThrowAsync<StackException>()).Which.Message
            .Should().Contain($"registry: port 127.0.0.1:{port} is already taken").And.Contain("--stack-port-base");
        part.Daemon.RunningPid().Should().BeNull();
    }

    [Fact]
    public async Task A_part_that_dies_at_start_names_its_log_and_shows_its_tail()
    {
        var part = new DyingPart(Paths());

        var start = () => part.EnsureStartedAsync(CancellationToken.None);

        var error = (await start.Should().ThrowAsync<StackException>()).Which.Message;
        error.Should().Contain("dying exited right after it started").And.Contain(part.Daemon.LogFile).And.Contain("cannot open /etc/dying.conf");
    }

    /// <summary>A part whose process fails at once, as a server with a broken configuration would.</summary>
    private sealed class DyingPart(StackPaths paths) : StackPart("dying", paths, "dying-server")
    {
        public override string Endpoint => "nowhere";
        public override Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct) => Task.FromResult<(string?, string?)>(("not answering", null));
        protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct) =>
            Task.FromResult<(string, IReadOnlyList<string>)>(("sh", ["-c", "echo 'cannot open /etc/dying.conf' >&2; sleep 0.3; exit 3", "dying-server"]));
    }

    private StackPaths Paths()
    {
        var root = AbsolutePath.From(Directory.CreateDirectory(Path.Combine(_root, "repo-" + Guid.NewGuid().ToString("N")[..8])).FullName);
        Directory.CreateDirectory(root / ".nuke");
        // scripts come from the real repository
        Directory.CreateDirectory(root / "src" / "Slipway.LocalStack");
        Directory.CreateSymbolicLink(root / "src" / "Slipway.LocalStack" / "scripts",
            Path.Combine(RepositoryRoot.Path, "src", "Slipway.LocalStack", "scripts"));
        return new StackPaths(root, Path.Combine(_root, "cache"));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
