using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Images;
using Slipway.Delivery.Tests.Ci;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// What a runner's first pipeline needs of this repository's build: every image its Dockerfiles build FROM under
/// ${BASE_REGISTRY} is declared in BaseImages, with a Dockerfile that starts from public images only.
/// </summary>
public sealed class SampleBaseImagesTests
{
    private const string Registry = "registry.example/group/project";
    private static readonly Dictionary<string, string> Args = new() { ["BASE_REGISTRY"] = Registry };

    [Fact]
    public void Each_base_image_the_components_build_from_is_declared_with_a_dockerfile_on_public_images()
    {
        var build = RepositoryBuild.Rooted();
        var needed = ((IHazComponents)build).Components
            .SelectMany(c => new[] { c.ResolveDockerfile(), c.BaseDockerfile }.Where(f => f.FileExists))
            .SelectMany(file => DockerfileBaseImages.Find(File.ReadAllText(file), Args))
            .Where(image => image.StartsWith(Registry + "/", StringComparison.Ordinal))
            .Select(image => image[(Registry.Length + 1)..])
            .Distinct().ToList();
        var declared = ((IDockerBuild)build).BaseImages;

        needed.Should().BeEquivalentTo(["slipway-base/dotnet-runtime:10.0", "slipway-base/rabbitmq:3.10",
            "slipway-base/postgresql:15"]);
        declared.Select(b => $"{b.Repository}:{b.Tag}").Should().BeEquivalentTo(needed);
        foreach (var image in declared)
        {
            var dockerfile = image.Context / image.Dockerfile;
            dockerfile.FileExists.Should().BeTrue(image.Repository);
            DockerfileBaseImages.Find(File.ReadAllText(dockerfile), image.BuildArgs).Should().NotBeEmpty()
                .And.OnlyContain(from => from.StartsWith("mcr.microsoft.com/", StringComparison.Ordinal)
                                         || from.StartsWith("docker.io/library/", StringComparison.Ordinal),
                    $"{image.Repository} is made from public images, not from the base registry it fills");
        }
    }
}
