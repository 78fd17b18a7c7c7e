using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Locks;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Locks;

/// <summary>
/// Two `./build.sh DeployApps --env local` at once on the local stack: the second refuses naming the first
/// (--no-wait) or waits for it; a run killed while holding its locks leaves nothing that blocks the next.
/// The first run is held still with SIGSTOP as soon as it holds this checkout's outputs (the start of DockerBuild,
/// seconds before it ends), so the overlap does not depend on how fast the runs are.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ConcurrentRunsTests(LocalStackFixture stack)
{
    private const string Namespace = "slipway-local";
    private static readonly string[] Deploy = ["DeployApps", "--env", "local", "--skip", "Compile"];
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_second_run_refuses_with_no_wait_or_waits_naming_the_first_and_a_killed_run_blocks_nothing()
    {
        var before = await RevisionsAsync();
        using var first = RunningBuild.Start([.. Deploy, "--verbosity", "verbose"]);
        var pid = await HoldingOutputsAsync(first);
        PosixSignals.Stop(pid);
        try
        {
            using var refused = RunningBuild.Start([.. Deploy, "--no-wait"]);
            (await refused.ExitAsync(Minutes)).Should().NotBe(0, refused.Output);
            var refusal = ConsoleText.OneLine(refused.Output);
            refusal.Should().Contain($"held by pid {pid} on").And.Contain("`DeployApps --env local`")
                .And.Contain("--no-wait").And.Contain("Nothing was changed");

            using var waiting = RunningBuild.Start(Deploy);
            await waiting.WaitForAsync("waiting for it", Minutes);
            PosixSignals.Continue(pid);
            (await first.ExitAsync(Minutes)).Should().Be(0, first.Output);
            (await waiting.ExitAsync(Minutes)).Should().Be(0, waiting.Output);
            ConsoleText.OneLine(waiting.Output).Should().Contain($"held by pid {pid} on").And.Contain("is free after");
        }
        finally { PosixSignals.Continue(pid); }

        (await RevisionsAsync()).Should().Equal(before, "both runs had nothing to change");
        var report = JsonNode.Parse(
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, "artifacts", "deploy-local.json")))!;
        report["releases"]!.AsArray().Select(r => r!["result"]!.GetValue<string>())
            .Should().OnlyContain(r => r == "unchanged");

        using var killed = RunningBuild.Start([.. Deploy, "--verbosity", "verbose"]);
        var killedPid = await HoldingOutputsAsync(killed);
        PosixSignals.Kill(killedPid);
        await killed.ExitAsync(Minutes);
        using var next = RunningBuild.Start(Deploy);
        (await next.ExitAsync(Minutes)).Should().Be(0, next.Output);
        ConsoleText.OneLine(next.Output).Should().Contain($"pid {killedPid}").And.Contain("ended without releasing it");
        (await stack.Kubernetes.TryGetAsync(ClusterLease.Path(Namespace))).Should().BeNull("the last run released it");
    }

    private static async Task<int> HoldingOutputsAsync(RunningBuild build) => int.Parse((await build.WaitForAsync(
        @"build outputs are held by this run: \S+/(\d+)", Minutes)).Groups[1].Value);

    private async Task<int[]> RevisionsAsync() =>
    [
        (await stack.Helm.StatusAsync("base", Namespace))!.Revision,
        (await stack.Helm.StatusAsync("apps", Namespace))!.Revision,
    ];
}
