using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class FailureTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    [Fact]
    public void A_failure_stops_later_targets_except_assured_ones_and_exits_1()
    {
        var run = _harness.Run<FailureBuild>("Breaks", "Independent", "Dependent", "Report");

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Ran.Should().Equal("Breaks", "Report");
        run.Output.Should().MatchRegex(@"Dependent\s*│\s*NotRun\s*│\s*│\s*dependency Breaks did not succeed");
        run.Output.Should().Contain("Breaks failed on purpose");
        run.Output.Should().Contain("Build failed: Breaks.");
    }

    [Fact]
    public void Proceed_after_failure_keeps_scheduling_but_the_build_still_fails()
    {
        var run = _harness.Run<FailureBuild>("BreaksButProceeds", "Independent", "Report");

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Ran.Should().Equal("BreaksButProceeds", "Independent", "Report");
    }

    [Fact]
    public void False_conditions_skip_targets_and_their_dependents_still_run()
    {
        var run = _harness.Run<FailureBuild>("Final");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Ran.Should().Equal("Final");
        run.Output.Should().MatchRegex(@"Optional\s*│\s*Skipped\s*│\s*│\s*condition false: RunOptional");
        run.Output.Should().MatchRegex(@"StaticOff\s*│\s*Skipped");

        _harness.Run<FailureBuild>("Final", "--run-optional").Ran.Should().Equal("Optional", "StaticOff", "Final");
    }

    [Fact]
    public void An_interrupt_stops_the_run_with_exit_130()
    {
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        var run = _harness.Run<FailureBuild>(null, interrupt.Token, "Final", "--run-optional");

        run.ExitCode.Should().Be(ExitCodes.Interrupted);
        run.Ran.Should().BeEmpty();
    }

    public void Dispose() => _harness.Dispose();
}
