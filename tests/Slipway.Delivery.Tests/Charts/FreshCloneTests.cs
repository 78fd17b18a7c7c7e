using FluentAssertions;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Charts;

/// <summary>
/// A fresh clone of this repository (its committed state) lints every chart, renders an environment and lists its
/// images at the first run, as a user runs them: nothing packed beforehand, no local stack, no cluster. The clone
/// compiles its own build, so this is one slow test.
/// </summary>
public sealed class FreshCloneTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("slipway-fresh-clone-");

    [Fact]
    public async Task LintCharts_RenderManifests_and_ListImages_pass_the_first_time_in_a_fresh_clone()
    {
        var clone = Path.Combine(_work.FullName, "repository");
        await ProcessRunner.RunAsync("git", ["clone", "--quiet", RepositoryRoot.Path, clone],
            new ProcessOptions { LogOutput = false, LogInvocation = false });

        var options = new ProcessOptions
        {
            WorkingDirectory = clone,
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = true,
            Timeout = TimeSpan.FromMinutes(15),
            Environment = new Dictionary<string, string?> { ["GITLAB_CI"] = null, ["GITHUB_ACTIONS"] = null },
        };
        var run = await ProcessRunner.RunAsync(Path.Combine(clone, "build.sh"), ["LintCharts", "--no-logo"], options);

        run.ExitCode.Should().Be(0, run.StandardOutput + run.StandardError);
        run.StandardOutput.Should().Contain("✓ base × local").And.Contain("✓ apps × prod").And.NotContain("StackUp");

        var render = await ProcessRunner.RunAsync(Path.Combine(clone, "build.sh"), ["RenderManifests", "--env", "local", "--no-logo"], options);
        render.ExitCode.Should().Be(0, render.StandardOutput + render.StandardError);
        foreach (var release in new[] { "base", "apps" })
            File.ReadAllText(Path.Combine(clone, "artifacts", "manifests", "local", $"{release}.yaml"))
                .Should().Contain("kind: ", release).And.Contain("image: ", release);
        var images = await ProcessRunner.RunAsync(Path.Combine(clone, "build.sh"), ["ListImages", "--env", "local", "--no-logo"], options);
        images.ExitCode.Should().Be(0, images.StandardOutput + images.StandardError);
        images.StandardOutput.Should().Contain("/orders-api:").And.Contain("/web-ui:").And.NotContain("StackUp");
    }

    public void Dispose() => _work.Delete(recursive: true);
}
