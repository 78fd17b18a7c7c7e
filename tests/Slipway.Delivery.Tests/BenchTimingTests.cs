using FluentAssertions;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests;

/// <summary>
/// The benchmarks' timing (tests/bench/timing.sh): a failing run stops the benchmark instead of being timed.
/// </summary>
public sealed class BenchTimingTests
{
    private static readonly string Bench = Path.Combine(RepositoryRoot.Path, "tests", "bench");

    private static ProcessResult Bash(string script) =>
        ProcessRunner.Run("bash", ["-c", $"set -euo pipefail; source tests/bench/timing.sh; {script}"], new()
        {
            WorkingDirectory = RepositoryRoot.Path,
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = true,
        });

    [Fact]
    public void A_failing_run_stops_the_benchmark_and_shows_why()
    {
        var result = Bash("""ms=$(time_ms sh -c 'echo the disk is full; exit 3'); echo "timed $ms ms" """);

        result.ExitCode.Should().NotBe(0);
        result.StandardOutput.Should().NotContain("timed");
        result.StandardError.Should().Contain("failed with exit code 3, so it is not timed")
            .And.Contain("the disk is full");
    }

    [Fact]
    public void A_run_that_succeeds_is_timed_in_milliseconds()
    {
        var result = Bash("""ms=$(time_ms sleep 0.2); echo "$ms" """);

        result.ExitCode.Should().Be(0, result.StandardError);
        int.Parse(result.StandardOutput.Trim()).Should().BeGreaterThanOrEqualTo(200, "the run's own time is measured");
    }

    [Fact]
    public void Every_benchmark_times_through_it_and_parses()
    {
        var scripts = Directory.GetFiles(Bench, "*.sh").Where(f => Path.GetFileName(f) != "timing.sh").ToList();

        scripts.Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (var script in scripts)
        {
            var text = File.ReadAllText(script);
            text.Should().Contain("source tests/bench/timing.sh", script).And.NotContain("time_ms() {", script);
            ProcessRunner.Run("bash", ["-n", script], new ProcessOptions { LogOutput = false, AllowFailure = true })
                .ExitCode.Should().Be(0, $"{script} must parse");
        }
    }
}
