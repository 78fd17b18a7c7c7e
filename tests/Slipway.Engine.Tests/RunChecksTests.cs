using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

/// <summary>Checks that run before any target (Validates), values resolved once per run, questions, skips in words.</summary>
public sealed class RunChecksTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    [Fact]
    public void A_failing_check_of_a_later_target_stops_the_run_before_the_first_target_starts()
    {
        var run = _harness.Run<CheckedBuild>("Deploy", "--refuse");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Output.Should().Contain("The build cannot start").And.Contain("refused: --refuse was given");
        run.Ran.Should().BeEmpty();
    }

    [Fact]
    public void Checks_also_run_for_the_plan_and_a_value_resolved_by_several_targets_is_resolved_once()
    {
        var plan = _harness.Run<CheckedBuild>("Deploy", "--plan");
        var run = _harness.Run<CheckedBuild>("Deploy");

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.Markers("RESOLVED ").Should().Equal("plan-only");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Markers("RESOLVED ").Should().Equal("run");
        run.Ran.Should().Equal("Build", "Deploy");
    }

    [Fact]
    public void A_skipped_target_says_why_in_words()
    {
        var run = _harness.Run<CheckedBuild>("Optional");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("no optional work was asked for").And.NotContain("condition false");
        run.Ran.Should().BeEmpty();
    }

    [Fact]
    public void A_question_is_answered_from_the_terminal_and_nobody_answers_without_one()
    {
        _harness.Input = "yes\n";
        var answered = _harness.Run<CheckedBuild>("Question");
        _harness.Input = null;
        var unanswered = _harness.Run<CheckedBuild>("Question");

        answered.Markers("ANSWER ").Should().Equal("yes");
        unanswered.Markers("ANSWER ").Should().Equal("(nobody)");
    }

    public void Dispose() => _harness.Dispose();
}

public sealed class CheckedBuild : SlipwayBuild
{
    [Parameter] public bool Refuse { get; set; }

    private string Context => RunValues.Get(nameof(Context), () =>
    {
        Log.Information($"RESOLVED {(Plan!.PlanOnly ? "plan-only" : "run")}");
        return "context";
    });

    public Target Build => _ => _.Validates(() => Context.ToString()).Executes(() => Log.Information("RAN Build"));

    public Target Deploy => _ => _
        .DependsOn(Build)
        .Validates(() => Context.ToString(), () => { if (Refuse) throw new UsageException("refused: --refuse was given"); })
        .Executes(() => Log.Information("RAN Deploy"));

    public Target Optional => _ => _
        .OnlyWhenDynamic(() => Refuse, "no optional work was asked for")
        .Executes(() => Log.Information("RAN Optional"));

    public Target Question => _ => _.Executes(() => Log.Information($"ANSWER {Ask("Sure?") ?? "(nobody)"}"));
}
