using FluentAssertions;
using Slipway.Delivery.Images;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>DockerBuild and PushImage on throwaway components: what is rebuilt, what is only tagged, and which digest the registry confirms.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ImageBuilderTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_first_build_rebuilds_and_the_push_confirms_the_registry_digest()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("app").Write("Dockerfile", ThrowawayComponent.DebianDockerfile).Write("app/hello.txt", "hello");
        var commit = Commits.New();

        var built = await pipeline.BuildAsync(app.Component, commit);
        built.Rebuilt.Should().BeTrue();
        built.Tags.Should().Equal(commit.ShortSha);
        built.InputsTag.Should().StartWith(ImageBuilder.InputsTagPrefix);
        var pushed = await pipeline.PushAsync(built);

        var repository = pipeline.RepositoryOf(app.Component);
        pushed.Digest.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        (await pipeline.DigestOfAsync(repository, commit.ShortSha)).Should().Be(pushed.Digest);
        (await pipeline.DigestOfAsync(repository, built.InputsTag)).Should().Be(pushed.Digest);
        var local = await stack.Docker.InspectImageAsync(pushed.Reference(commit.ShortSha));
        local!.Labels["io.slipway.inputs-digest"].Should().Be(built.InputsDigest);
    }

    [Fact]
    public async Task A_second_build_without_change_rebuilds_nothing_and_tags_registry_side()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("app").Write("Dockerfile", ThrowawayComponent.DebianDockerfile).Write("app/hello.txt", "hello");
        var first = await pipeline.ReleaseAsync(app.Component, Commits.New());
        var next = Commits.New();

        var built = await pipeline.BuildAsync(app.Component, next);
        built.Rebuilt.Should().BeFalse();
        built.InputsDigest.Should().Be(first.InputsDigest);
        // nothing was built, so the engine has no image under the new tag: only a registry-side tag can publish it
        (await stack.Docker.InspectImageAsync(built.Reference(next.ShortSha))).Should().BeNull();
        var pushed = await pipeline.PushAsync(built);

        pushed.Digest.Should().Be(first.Digest);
        (await pipeline.DigestOfAsync(pipeline.RepositoryOf(app.Component), next.ShortSha)).Should().Be(first.Digest);
    }

    [Fact]
    public async Task Changing_one_file_rebuilds_only_that_component()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var changed = new ThrowawayComponent("changed").Write("Dockerfile", ThrowawayComponent.DebianDockerfile).Write("app/data.txt", "v1");
        using var untouched = new ThrowawayComponent("untouched").Write("Dockerfile", ThrowawayComponent.DebianDockerfile).Write("app/data.txt", "v1");
        var commit = Commits.New();
        var changedBefore = await pipeline.ReleaseAsync(changed.Component, commit);
        var untouchedBefore = await pipeline.ReleaseAsync(untouched.Component, commit);

        changed.Write("app/data.txt", "v2");
        var next = Commits.New();
        var changedAfter = await pipeline.ReleaseAsync(changed.Component, next);
        var untouchedAfter = await pipeline.ReleaseAsync(untouched.Component, next);

        changedAfter.Rebuilt.Should().BeTrue();
        changedAfter.Digest.Should().NotBe(changedBefore.Digest);
        untouchedAfter.Rebuilt.Should().BeFalse();
        untouchedAfter.Digest.Should().Be(untouchedBefore.Digest);
    }

    [Fact]
    public async Task Files_left_out_by_dockerignore_do_not_change_the_inputs()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("app")
            .Write("Dockerfile", ThrowawayComponent.DebianDockerfile)
            .Write(".dockerignore", "*.log\napp/tmp/\n")
            .Write("app/hello.txt", "hello");
        var first = await pipeline.ReleaseAsync(app.Component, Commits.New());

        app.Write("build.log", "noise").Write("app/tmp/cache.bin", "noise").Write("app/debug.log", "top-level *.log only: this one counts");
        var withDebugLog = await pipeline.BuildAsync(app.Component, Commits.New());
        app.Delete("app/debug.log").Write("build.log", "more noise").Write("app/tmp/cache.bin", "more noise");
        var ignoredOnly = await pipeline.BuildAsync(app.Component, Commits.New());

        withDebugLog.Rebuilt.Should().BeTrue("app/debug.log is not matched by *.log, which only covers the context's top level");
        ignoredOnly.Rebuilt.Should().BeFalse();
        ignoredOnly.InputsDigest.Should().Be(first.InputsDigest);
    }

    [Fact]
    public async Task A_release_tag_never_moves_to_other_content()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("app").Write("Dockerfile", ThrowawayComponent.DebianDockerfile).Write("app/hello.txt", "hello");
        var commit = Commits.New();
        var first = await pipeline.ReleaseAsync(app.Component, commit);

        app.Write("app/hello.txt", "the same commit, built differently");
        var rebuilt = await pipeline.BuildAsync(app.Component, commit);
        var push = () => pipeline.PushAsync(rebuilt);

        rebuilt.Rebuilt.Should().BeTrue();
        (await push.Should().ThrowAsync<RegistryException>()).Which.Message.Should().Contain(commit.ShortSha).And.Contain("immutable");
        (await pipeline.DigestOfAsync(pipeline.RepositoryOf(app.Component), commit.ShortSha)).Should().Be(first.Digest);
    }
}
