using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class SecretMaskingTests : IDisposable
{
    private const string Password = "hunter2-Sup3rS3cret";
    private readonly BuildHarness _harness = new();

    [Fact]
    public void A_secret_from_the_command_line_never_appears_in_logs_child_output_or_exceptions()
    {
        var run = _harness.Run<SecretBuild>("Leak", "--password", Password);

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Output.Should().NotContain(Password);
        run.Output.Should().NotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Password)));
        run.Output.Should().Contain("log line with **** inside");
        run.Output.Should().Contain("child says ****").And.Contain("on stderr ****");
        run.Output.Should().Contain("argument ****");
        run.Output.Should().Contain("exception mentioning ****");
    }

    [Fact]
    public void A_secret_from_the_environment_is_masked_in_a_failing_command_line()
    {
        _harness.Environment["SLIPWAY_PASSWORD"] = Password;

        var run = _harness.Run<SecretBuild>("FailingChild");

        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Output.Should().NotContain(Password);
        run.Output.Should().Contain("sh -c 'exit 3' **** exited with code 3");
    }

    [Fact]
    public void Help_shows_a_set_secret_as_a_mask()
    {
        var run = _harness.Run<SecretBuild>("--help", "--password", Password);

        run.Output.Should().NotContain(Password);
        run.Output.Should().MatchRegex(@"--password\s+string\s+\*\*\*\*");
    }

    [Fact]
    public void The_masker_replaces_every_occurrence_and_ignores_values_too_short_to_mask()
    {
        var masker = new SecretMasker();
        masker.Add("abc123").Should().BeTrue();
        masker.Add("x").Should().BeFalse();

        masker.Apply("abc123 and abc123x and x").Should().Be("**** and ****x and x");
    }

    public void Dispose() => _harness.Dispose();
}
