using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class ParameterTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    private string Value(BuildRun run, string name) => run.Markers(name + " ").Single();

    [Fact]
    public void Defaults_apply_when_no_source_gives_a_value()
    {
        var run = _harness.Run<ParameterBuild>("Show");

        run.ExitCode.Should().Be(0, run.ToString());
        Value(run, "ENV").Should().Be("local");
        Value(run, "REPLICAS").Should().Be("1");
        Value(run, "DRYRUN").Should().Be("False");
    }

    [Fact]
    public void Command_line_beats_environment_beats_profile_beats_parameters_json()
    {
        _harness.WriteFile(".nuke/parameters.json", """{ "Env": "from-json", "Replicas": 2, "Stage": "Recette", "DryRun": true }""");
        _harness.WriteFile(".nuke/parameters.prod.json", """{ "Env": "from-profile", "Replicas": 3 }""");
        _harness.Environment["REPLICAS"] = "4";
        _harness.Environment["ENV"] = "plain-env";
        _harness.Environment["SLIPWAY_ENV"] = "prefixed-env";

        var run = _harness.Run<ParameterBuild>("Show", "--profile", "prod", "--env", "from-cli");

        run.ExitCode.Should().Be(0, run.ToString());
        Value(run, "ENV").Should().Be("from-cli");
        Value(run, "REPLICAS").Should().Be("4");
        Value(run, "STAGE").Should().Be("Recette");
        Value(run, "DRYRUN").Should().Be("True");

        _harness.Run<ParameterBuild>("Show", "--profile", "prod").Markers("ENV ").Single().Should().Be("prefixed-env");
        _harness.Environment.Remove("SLIPWAY_ENV");
        _harness.Run<ParameterBuild>("Show", "--profile", "prod").Markers("ENV ").Single().Should().Be("plain-env");
        _harness.Environment.Remove("ENV");
        _harness.Environment.Remove("REPLICAS");
        var profile = _harness.Run<ParameterBuild>("Show", "--profile", "prod");
        Value(profile, "ENV").Should().Be("from-profile");
        Value(profile, "REPLICAS").Should().Be("3");
        Value(_harness.Run<ParameterBuild>("Show"), "ENV").Should().Be("from-json");
    }

    [Fact]
    public void Environment_names_are_case_and_underscore_insensitive()
    {
        _harness.Environment["slipway_dry_run"] = "true";
        _harness.Environment["Api_Token"] = "abc-123";

        var run = _harness.Run<ParameterBuild>("Show");

        Value(run, "DRYRUN").Should().Be("True");
        Value(run, "TOKEN-SET").Should().Be("True");
    }

    [Fact]
    public void Generic_names_answer_only_to_their_prefixed_variable_and_some_to_no_variable()
    {
        _harness.Environment["TAG"] = "from-some-ci-job";
        _harness.Environment["RELOCATE"] = "plain";
        _harness.Environment["SLIPWAY_RELOCATE"] = "prefixed";

        var run = _harness.Run<ParameterBuild>("Show");

        Value(run, "TAG").Should().BeEmpty("a CI job's own TAG variable must not steer the build");
        Value(run, "RELOCATE").Should().BeEmpty();
        _harness.Environment["SLIPWAY_TAG"] = "meant";
        Value(_harness.Run<ParameterBuild>("Show"), "TAG").Should().Be("meant");
        Value(_harness.Run<ParameterBuild>("Show", "--relocate", "cli"), "RELOCATE").Should().Be("cli");
    }

    [Fact]
    public void Typed_values_are_converted_from_every_spelling()
    {
        var run = _harness.Run<ParameterBuild>("Show", "--dry-run", "--replicas=5", "--stage", "prod",
            "--components", "orders-api", "worker,web-ui", "--output", "out/dir");

        run.ExitCode.Should().Be(0, run.ToString());
        Value(run, "DRYRUN").Should().Be("True");
        Value(run, "REPLICAS").Should().Be("5");
        Value(run, "STAGE").Should().Be("Prod");
        Value(run, "COMPONENTS").Should().Be("orders-api|worker|web-ui");
        Value(run, "OUTPUT").Should().Be(Path.Combine(_harness.Root, "out/dir"));
    }

    [Fact]
    public void A_flag_followed_by_a_target_name_leaves_the_target_alone()
    {
        var run = _harness.Run<ParameterBuild>("--dry-run", "Show");

        run.ExitCode.Should().Be(0, run.ToString());
        Value(run, "DRYRUN").Should().Be("True");
    }

    [Theory]
    [InlineData("--replicas", "many", "expects a whole number")]
    [InlineData("--stage", "qa", "must be one of dev, recette, prod")]
    [InlineData("--replikas", "2", "Did you mean '--replicas'?")]
    public void Bad_values_and_unknown_options_exit_2_and_say_why(string option, string value, string message)
    {
        var run = _harness.Run<ParameterBuild>("Show", option, value);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Output.Should().Contain(message);
        run.Markers("ENV ").Should().BeEmpty();
    }

    [Fact]
    public void A_missing_required_parameter_stops_the_build_before_it_starts()
    {
        var run = _harness.Run<ParameterBuild>("Show", "Deploy");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Output.Should().Contain("Deploy requires parameter ApiToken").And.Contain("--api-token").And.Contain("API_TOKEN");
        run.Markers("ENV ").Should().BeEmpty("nothing may run when a requirement is missing");

        _harness.Run<ParameterBuild>("Deploy", "--api-token", "t0k3n").Ran.Should().Equal("Deploy");
    }

    [Fact]
    public void A_missing_tool_stops_the_build_before_it_starts()
    {
        var run = _harness.Run<ParameterBuild>("NeedsTool");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Output.Should().Contain("requires the tool 'slipway-no-such-tool' on PATH");
    }

    [Fact]
    public void An_unknown_profile_lists_the_known_ones()
    {
        _harness.WriteFile(".nuke/parameters.recette.json", "{}");

        var run = _harness.Run<ParameterBuild>("Show", "--profile", "prod");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Output.Should().Contain("parameters.prod.json").And.Contain("recette");
    }

    [Fact]
    public void Help_lists_parameters_with_type_and_environment_names()
    {
        var run = _harness.Run<ParameterBuild>("--help");

        run.Output.Should().MatchRegex(@"--replicas\s+int\s+1\s+REPLICAS, SLIPWAY_REPLICAS");
        run.Output.Should().MatchRegex(@"--stage\s+dev\|recette\|prod");
        run.Output.Should().MatchRegex(@"--components\s+string\[\]");
    }

    public void Dispose() => _harness.Dispose();
}
