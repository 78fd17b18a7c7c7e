using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class ParallelTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    /// <summary>The sequence of BEGIN/END markers as written.</summary>
    private static List<string> Events(BuildRun run) =>
        run.Output.Split('\n').Select(l => l.Trim())
            .Select(l => l.StartsWith('[') ? l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..] : l)
            .Where(l => l.StartsWith("BEGIN ") || l.StartsWith("END ")).ToList();

    [Fact]
    public void Independent_targets_overlap_and_dependents_wait_for_all_of_them()
    {
        var run = _harness.Run<ParallelBuild>("Join", "--parallel", "2");

        run.ExitCode.Should().Be(0, run.ToString());
        var events = Events(run);
        events.IndexOf("BEGIN Fast").Should().BeLessThan(events.IndexOf("END Slow"), "Slow and Fast run at the same time");
        events.IndexOf("BEGIN Slow").Should().BeLessThan(events.IndexOf("END Fast"));
        events.IndexOf("BEGIN Join").Should().BeGreaterThan(events.IndexOf("END Slow")).And.BeGreaterThan(events.IndexOf("END Fast"));
        events.IndexOf("BEGIN Slow").Should().BeGreaterThan(events.IndexOf("END Start"));
        run.Output.Should().Contain("[Slow] BEGIN Slow", "each line names its target when targets run at once");
    }

    [Fact]
    public void A_word_after_parallel_that_is_neither_a_number_nor_a_target_is_named_as_such()
    {
        var run = _harness.Run<ParallelBuild>("Join", "--parallel", "abc");

        run.ExitCode.Should().Be(2, run.ToString());
        var output = run.Output.ReplaceLineEndings(" ").Replace("  ", " "); // the console wraps long lines
        output.Should().Contain("--parallel takes the number of targets to run at once")
            .And.Contain("'abc' is neither a number nor a target").And.NotContain("BEGIN");
        _harness.Run<ParallelBuild>("--parallel", "Join").ExitCode.Should().Be(0, "a target may follow --parallel");
    }

    [Fact]
    public void Parallel_1_runs_one_target_at_a_time()
    {
        var run = _harness.Run<ParallelBuild>("Join", "--parallel", "1");

        run.ExitCode.Should().Be(0, run.ToString());
        var events = Events(run);
        events.Where(e => e.StartsWith("BEGIN ")).Should()
            .BeEquivalentTo(["BEGIN Start", "BEGIN Slow", "BEGIN Fast", "BEGIN Join"], "every target of the plan ran");
        events.Should().HaveCount(8);
        for (var i = 0; i < events.Count; i += 2)
            events[i + 1].Should().Be(events[i].Replace("BEGIN", "END"), "no target starts before the previous one ended");
    }

    [Fact]
    public void A_failure_cancels_running_targets_and_stops_scheduling_but_assured_targets_run()
    {
        var run = _harness.Run<ParallelBuild>("Join", "Cleanup", "--parallel", "--fail-fast");

        run.ExitCode.Should().Be(ExitCodes.Failed);
        var events = Events(run);
        events.Should().Contain("BEGIN Slow").And.NotContain("END Slow", "Slow is cancelled when Fast fails");
        events.Should().NotContain("BEGIN Join");
        events.Should().Contain("BEGIN Cleanup");
        run.Output.Should().MatchRegex(@"Slow\s*│\s*Cancelled").And.MatchRegex(@"Fast\s*│\s*Failed").And.MatchRegex(@"Join\s*│\s*NotRun");
        run.Output.Should().Contain("Fast broke on purpose");
    }

    public void Dispose() => _harness.Dispose();
}
