using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>Which Dockerfile a component builds from: Dockerfile, a lowercase dockerfile with a warning, none is an error.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class DockerfileResolutionTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_missing_Dockerfile_names_the_component_and_path_and_leaves_no_tag()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("no-dockerfile")
            .Write("Dockerfile.base", "ARG BASE_REGISTRY\nFROM ${BASE_REGISTRY}/slipway-base/debian:bookworm\n")
            .Write("app/hello.txt", "hello");

        var build = () => pipeline.BuildAsync(app.Component, Commits.New());

        var error = (await build.Should().ThrowAsync<TargetFailedException>()).Which;
        error.Message.Should().Contain("no-dockerfile").And.Contain(app.Context.Value).And.Contain("no Dockerfile");
        (await pipeline.TagsAsync(pipeline.RepositoryOf(app.Component))).Should().BeEmpty();
        (await pipeline.TagsAsync(pipeline.BaseRepositoryOf(app.Component))).Should().BeEmpty("the base layer is not built for a component that cannot build");
    }

    [Fact]
    public async Task A_lowercase_dockerfile_builds_with_a_warning()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("lowercase").Write("dockerfile", ThrowawayComponent.DebianDockerfile).Write("app/hello.txt", "hello");
        using var log = new CapturedLog();
        var commit = Commits.New();

        var pushed = await pipeline.ReleaseAsync(app.Component, commit);

        pushed.Rebuilt.Should().BeTrue();
        (await pipeline.DigestOfAsync(pipeline.RepositoryOf(app.Component), commit.ShortSha)).Should().Be(pushed.Digest);
        log.Text.Should().Contain("WARN lowercase: using " + (app.Context / "dockerfile").Value).And.Contain("rename it to Dockerfile");
    }

    [Fact]
    public void A_Dockerfile_is_preferred_and_a_missing_context_is_named()
    {
        using var both = new ThrowawayComponent("both").Write("Dockerfile", "FROM scratch").Write("dockerfile", "FROM scratch");
        var missing = both.Component with { Name = "ghost", Context = both.Context / "does-not-exist" };

        both.Component.ResolveDockerfile().Should().Be(both.Context / "Dockerfile");
        var resolve = () => missing.ResolveDockerfile();
        resolve.Should().Throw<TargetFailedException>().WithMessage($"ghost: its build context {missing.Context} does not exist*");
    }
}
