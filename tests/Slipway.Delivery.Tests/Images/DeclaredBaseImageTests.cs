using FluentAssertions;
using Slipway.Delivery.Images;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// A base registry that lacks the images the Dockerfiles build FROM, as on a runner's first pipeline: DockerBuild
/// makes the declared ones from their Dockerfile (once, however many components need them) and refuses, before any
/// build, one nothing declares. The declared base here builds FROM the stack's Debian image, which stands in for a
/// public upstream image.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class DeclaredBaseImageTests(LocalStackFixture stack) : IDisposable
{
    private const string AppDockerfile = """
        ARG BASE_REGISTRY
        FROM ${BASE_REGISTRY}/slipway-base/marked:1
        COPY app/ /app/
        """;

    private readonly ThrowawayComponent _base = new("marked-base");

    [Fact]
    public async Task A_declared_base_image_the_registry_lacks_is_built_once_and_pushed_before_the_components()
    {
        _base.Write("Dockerfile", $"FROM {stack.Environment.Registry}/slipway-base/debian:bookworm\n" +
                                  "COPY marker.txt /etc/marker.txt\n").Write("marker.txt", "made from its Dockerfile");
        await using var pipeline = Pipeline([new BaseImage("slipway-base/marked", "1", _base.Context)]);
        using var first = new ThrowawayComponent("first").Write("Dockerfile", AppDockerfile).Write("app/a.txt", "a");
        using var second = new ThrowawayComponent("second").Write("Dockerfile", AppDockerfile).Write("app/b.txt", "b");
        var baseRepository = pipeline.BaseRegistry.RepositoryFor("slipway-base/marked");
        (await pipeline.DigestOfAsync(baseRepository, "1")).Should().BeNull("the base registry starts empty");

        using var log = new CapturedLog();
        var images = await Task.WhenAll(pipeline.ReleaseAsync(first.Component, Commits.New()),
            pipeline.ReleaseAsync(second.Component, Commits.New()));

        images.Should().OnlyContain(i => i.Rebuilt && i.Digest.Length > 0);
        (await pipeline.DigestOfAsync(baseRepository, "1")).Should().NotBeNull("the base image was pushed");
        log.Text.Split('\n').Where(l => l.Contains("not in the base registry yet")).Should()
            .ContainSingle("two components need it, it is built once").Which.Should().Contain("Dockerfile");
        var made = $"{pipeline.BaseRegistry}/slipway-base/marked:1";
        (await stack.Docker.InspectImageAsync(made)).Should().NotBeNull("the engine built it from its Dockerfile");
        await stack.Docker.RemoveImageAsync(made);
    }

    [Fact]
    public async Task A_base_image_in_the_registry_is_used_as_it_is()
    {
        // the stack's registry holds slipway-base/debian: nothing is declared, and nothing is built
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("plain")
            .Write("Dockerfile", ThrowawayComponent.DebianDockerfile).Write("app/a.txt", "a");
        using var log = new CapturedLog();

        (await pipeline.ReleaseAsync(app.Component, Commits.New())).Rebuilt.Should().BeTrue();

        log.Text.Should().NotContain("not in the base registry");
    }

    [Fact]
    public async Task A_missing_base_image_nothing_declares_is_refused_with_what_to_do()
    {
        await using var pipeline = Pipeline([]);
        using var app = new ThrowawayComponent("orphan").Write("Dockerfile", AppDockerfile).Write("app/a.txt", "a");

        var build = () => pipeline.BuildAsync(app.Component, Commits.New());

        (await build.Should().ThrowAsync<TargetFailedException>())
            .WithMessage($"{pipeline.BaseRegistry}/slipway-base/marked:1 is not in the base registry*declare it*");
        (await pipeline.TagsAsync(pipeline.RepositoryOf(app.Component))).Should().BeEmpty("nothing was built");
    }

    /// <summary>A pipeline whose base registry is an empty prefix of the stack's registry.</summary>
    private ImagePipeline Pipeline(IReadOnlyList<BaseImage> declared) => new(stack)
    {
        BaseRegistry = new ImageRegistry(stack.Environment.Registry,
            "tests/bases-" + Guid.NewGuid().ToString("N")[..8]),
        BaseImages = declared,
    };

    public void Dispose() => _base.Dispose();
}
