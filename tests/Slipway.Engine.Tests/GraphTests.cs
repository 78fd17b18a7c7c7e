using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class GraphTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    [Fact]
    public void Dependencies_run_first_and_ordering_and_triggers_are_honoured()
    {
        var run = _harness.Run<GraphBuild>("Pack");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Ran.Should().Equal("Restore", "Lint", "Prepare", "Compile", "Pack", "Publish", "Announce");
    }

    [Fact]
    public void DependentFor_makes_a_target_a_dependency_from_its_own_side()
    {
        var run = _harness.Run<GraphBuild>("Compile");

        run.Ran.Should().Equal("Restore", "Prepare", "Compile");
        run.Output.Should().NotContain("RAN Lint");
    }

    [Fact]
    public void Ordering_relations_do_not_pull_targets_in()
    {
        var run = _harness.Run<GraphBuild>("Restore");

        run.Ran.Should().Equal("Restore");
    }

    [Fact]
    public void Before_orders_a_target_ahead_when_both_are_scheduled()
    {
        var run = _harness.Run<GraphBuild>("Restore", "Docs");

        run.Ran.Should().Equal("Docs", "Restore");
    }

    [Fact]
    public void Default_target_runs_when_none_is_named()
    {
        var run = _harness.Run<GraphBuild>(b => b.Restore, CancellationToken.None);

        run.Ran.Should().Equal("Restore");
    }

    [Fact]
    public void Target_names_are_case_insensitive()
    {
        _harness.Run<GraphBuild>("RESTORE").Ran.Should().Equal("Restore");
    }

    [Fact]
    public void A_cycle_is_refused_before_anything_runs_and_named()
    {
        var run = _harness.Run<CyclicBuild>("A");

        run.ExitCode.Should().Be(ExitCodes.Definition);
        run.Output.Should().Contain("cycle").And.Contain("A → B → C → A");
    }

    [Fact]
    public void An_unknown_target_exits_2_with_a_suggestion()
    {
        var run = _harness.Run<GraphBuild>("Compiel");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Output.Should().Contain("Unknown target 'Compiel'").And.Contain("Did you mean 'Compile'?");
        run.Ran.Should().BeEmpty();
    }

    [Fact]
    public void Skip_without_values_skips_every_target_not_named()
    {
        var run = _harness.Run<GraphBuild>("Pack", "--skip");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Ran.Should().Equal(["Pack"], "dependencies and triggered targets were not named");
    }

    [Fact]
    public void Skip_with_values_skips_only_those_and_dependents_still_run()
    {
        var run = _harness.Run<GraphBuild>("Pack", "--skip", "Lint", "Restore");

        run.Ran.Should().Equal("Prepare", "Compile", "Pack", "Publish", "Announce");
        run.Output.Should().MatchRegex(@"Lint\s*│\s*Skipped\s*│\s*│\s*--skip");
    }

    [Fact]
    public void Plan_prints_the_order_writes_mermaid_and_runs_nothing()
    {
        var run = _harness.Run<GraphBuild>("--plan", "Pack");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Ran.Should().BeEmpty();
        run.Output.Should().MatchRegex(@"1\. Restore[\s\S]*2\. Lint[\s\S]*3\. Prepare[\s\S]*4\. Compile[\s\S]*5\. Pack \(invoked\)[\s\S]*6\. Publish \(triggered\)");
        var mermaid = File.ReadAllText(Path.Combine(_harness.Root, ".nuke/temp/plan.mmd"));
        mermaid.Should().Contain("Restore --> Compile").And.Contain("Lint -.-> Compile").And.Contain("Pack ==> Publish");
        File.Exists(Path.Combine(_harness.Root, ".nuke/temp/plan.html")).Should().BeTrue();
    }

    [Fact]
    public void Help_lists_listed_targets_with_descriptions_and_dependencies()
    {
        var run = _harness.Run<GraphBuild>("--help");

        run.ExitCode.Should().Be(0);
        run.Output.Should().MatchRegex(@"Pack\s+Pack it\s+Compile, Lint");
        run.Output.Should().NotContain("Hidden");
        run.Ran.Should().BeEmpty();
    }

    [Fact]
    public void Help_shows_the_listed_targets_behind_an_unlisted_dependency_instead_of_it()
    {
        var run = _harness.Run<WiringBuild>("--help");

        run.ExitCode.Should().Be(0);
        run.Output.Should().MatchRegex(@"Deploy\s+Deploy it\s+Setup\s").And.NotContain("Wiring");
    }

    [Fact]
    public void Targets_declared_on_component_interfaces_are_discovered_and_linked()
    {
        var run = _harness.Run<ComponentBuild>("Leave", "--who", "Léa");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Ran.Should().Equal("Greet Léa", "Wave", "Leave");
    }

    public void Dispose() => _harness.Dispose();
}
