using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task Captures_output_and_exit_code_with_arguments_passed_verbatim()
    {
        var result = await ProcessRunner.RunAsync("printf", ["%s|", "two words", "$HOME", "it's"], new ProcessOptions { LogOutput = false });

        result.ExitCode.Should().Be(0);
        result.StandardOutput.Should().Be("two words|$HOME|it's|", "arguments never pass through a shell");
    }

    [Fact]
    public async Task A_non_zero_exit_names_the_command_and_code()
    {
        var act = () => ProcessRunner.RunAsync("sh", ["-c", "echo broken >&2; exit 7"], new ProcessOptions { LogOutput = false });

        (await act.Should().ThrowAsync<ProcessException>())
            .Which.Message.Should().Contain("sh -c 'echo broken >&2; exit 7' exited with code 7").And.Contain("broken");
    }

    [Fact]
    public async Task A_timeout_sends_sigterm_and_lets_the_process_clean_up()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"slipway-term-{Guid.NewGuid():N}");
        var script = $"trap 'echo cleaned > {marker}; exit 143' TERM; while true; do sleep 0.1; done";

        var act = () => ProcessRunner.RunAsync("sh", ["-c", script],
            new ProcessOptions { Timeout = TimeSpan.FromMilliseconds(500), GracePeriod = TimeSpan.FromSeconds(5), LogOutput = false });

        (await act.Should().ThrowAsync<ProcessException>()).Which.Message.Should().Contain("timed out");
        File.ReadAllText(marker).Trim().Should().Be("cleaned", "the process got SIGTERM (not SIGKILL) and cleaned up");
        File.Delete(marker);
    }

    [Fact]
    public async Task A_process_that_ignores_sigterm_is_killed_with_its_children_after_the_grace_period()
    {
        var pids = Path.Combine(Path.GetTempPath(), $"slipway-pids-{Guid.NewGuid():N}");
        var script = $"trap '' TERM; sleep 600 & echo $$ $! > {pids}; while true; do sleep 0.1; done";

        var act = () => ProcessRunner.RunAsync("sh", ["-c", script],
            new ProcessOptions
            {
                Timeout = TimeSpan.FromMilliseconds(500),
                GracePeriod = TimeSpan.FromMilliseconds(200),
                LogOutput = false,
            });

        (await act.Should().ThrowAsync<ProcessException>()).Which.Message.Should().Contain("timed out");
        var started = File.ReadAllText(pids).Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
        File.Delete(pids);
        started.Should().HaveCount(2);
        foreach (var pid in started)
            IsRunning(pid).Should().BeFalse($"process {pid} was killed when it outlived its grace period");
    }

    /// <summary>Whether a process of that id exists and has not exited (a zombie has exited).</summary>
    private static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status)
            && !File.ReadAllLines(status).Any(l => l.StartsWith("State:") && l.Contains("zombie"));
    }

    [Fact]
    public async Task Cancellation_stops_the_process()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var act = () => ProcessRunner.RunAsync("sleep", ["30"], new ProcessOptions { LogOutput = false }, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_missing_tool_says_so()
    {
        var act = () => ProcessRunner.RunAsync("slipway-no-such-tool", ["x"]);

        (await act.Should().ThrowAsync<ProcessException>()).Which.Message.Should().Contain("'slipway-no-such-tool' was not found on PATH");
    }

    [Fact]
    public async Task Working_directory_and_environment_are_applied()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var result = await ProcessRunner.RunAsync("sh", ["-c", "pwd; echo $SLIPWAY_TEST_VALUE"],
            new ProcessOptions { WorkingDirectory = directory, LogOutput = false, Environment = new Dictionary<string, string?> { ["SLIPWAY_TEST_VALUE"] = "42" } });

        result.StandardOutput.Split('\n').Should().Equal(directory, "42");
        Directory.Delete(directory);
    }
}
