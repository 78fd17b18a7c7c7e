using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>A component with a Dockerfile.base: the slow system layer is its own image, rebuilt only when its own inputs change.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class BaseLayerTests(LocalStackFixture stack)
{
    private const string BaseDockerfile = """
        ARG BASE_REGISTRY
        FROM ${BASE_REGISTRY}/slipway-base/debian:bookworm
        COPY base/ /etc/app/
        """;

    private const string AppDockerfile = """
        ARG BASE_IMAGE
        FROM ${BASE_IMAGE}
        COPY publish/ /app/
        """;

    // the sample apps' layout: only the Dockerfiles, publish/ and base/ reach the daemon
    private const string DockerIgnore = "*\n!Dockerfile\n!Dockerfile.base\n!publish\n!publish/**\n!base\n!base/**\n";

    [Fact]
    public async Task The_base_layer_rebuilds_only_when_its_own_files_change()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("layered")
            .Write("Dockerfile", AppDockerfile).Write("Dockerfile.base", BaseDockerfile).Write(".dockerignore", DockerIgnore)
            .Write("base/settings.conf", "level=1").Write("publish/app.txt", "app v1").Write("Program.cs", "// source, not in the context");
        var baseRepository = pipeline.BaseRepositoryOf(app.Component);

        var first = await pipeline.ReleaseAsync(app.Component, Commits.New());
        var baseTags = await pipeline.TagsAsync(baseRepository);
        first.Rebuilt.Should().BeTrue();
        baseTags.Should().ContainSingle().Which.Should().StartWith("inputs-");

        app.Write("publish/app.txt", "app v2");
        var appChanged = await pipeline.ReleaseAsync(app.Component, Commits.New());
        appChanged.Rebuilt.Should().BeTrue();
        (await pipeline.TagsAsync(baseRepository)).Should().Equal(baseTags, "only publish/ changed: the base layer is reused");

        app.Write("Program.cs", "// edited, still outside the context");
        var sourceOnly = await pipeline.ReleaseAsync(app.Component, Commits.New());
        sourceOnly.Rebuilt.Should().BeFalse();
        sourceOnly.Digest.Should().Be(appChanged.Digest);

        app.Write("base/settings.conf", "level=2");
        var baseChanged = await pipeline.ReleaseAsync(app.Component, Commits.New());
        baseChanged.Rebuilt.Should().BeTrue("the app builds FROM the new base");
        (await pipeline.TagsAsync(baseRepository)).Should().HaveCount(2).And.Contain(baseTags);
    }

    [Fact]
    public async Task Editing_a_lowercase_dockerfile_rebuilds_the_app_but_not_its_base_layer()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("lowercase-layered")
            .Write("dockerfile", AppDockerfile).Write("Dockerfile.base", BaseDockerfile).Write(".dockerignore", DockerIgnore.Replace("!Dockerfile\n", "!dockerfile\n"))
            .Write("base/settings.conf", "level=1").Write("publish/app.txt", "app v1");
        await pipeline.ReleaseAsync(app.Component, Commits.New());
        var baseTags = await pipeline.TagsAsync(pipeline.BaseRepositoryOf(app.Component));

        app.Write("dockerfile", AppDockerfile + "\nENV EDITED=1\n");
        var edited = await pipeline.ReleaseAsync(app.Component, Commits.New());

        edited.Rebuilt.Should().BeTrue();
        (await pipeline.TagsAsync(pipeline.BaseRepositoryOf(app.Component))).Should().Equal(baseTags, "the app's Dockerfile is not an input of its base layer");
    }
}
