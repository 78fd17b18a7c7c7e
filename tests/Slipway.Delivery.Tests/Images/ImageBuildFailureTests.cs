using FluentAssertions;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// A failing Dockerfile step: the engine answers 200 and reports the failure only in its progress stream; the build
/// still fails, naming the step, the engine's error and the step's last output lines.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ImageBuildFailureTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_failing_RUN_step_fails_the_build_with_the_step_its_error_and_its_last_output()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("broken")
            .Write("Dockerfile", ThrowawayComponent.DebianDockerfile +
                                 "\nRUN ls /app && echo 'settings.conf: no such key' >&2 && exit 3\n")
            .Write("app/hello.txt", "hello");

        var build = () => pipeline.BuildAsync(app.Component, Commits.New());

        var failure = (await build.Should().ThrowAsync<DockerBuildException>()).Which;
        // the labels the build adds are steps of their own, after the Dockerfile's
        failure.FailingStep.Should().MatchRegex(@"^Step 4/\d+ : RUN ls /app");
        failure.Message.Should().MatchRegex(@"failed at Step 4/\d+ : RUN ls /app && echo .* >&2 && exit 3: ")
            .And.Contain("returned a non-zero code: 3")
            .And.Contain("Last output of that step:")
            .And.Contain("hello.txt")
            .And.Contain("    settings.conf: no such key", "stderr without the colour codes the engine wraps it in")
            .And.NotContain("\u001b").And.NotContain("Running in ").And.NotContain("Removing intermediate container");
    }
}
