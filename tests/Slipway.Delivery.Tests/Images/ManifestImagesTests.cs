using FluentAssertions;
using Slipway.Delivery.Images;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>ListImages' reading of rendered manifests: exactly the images pods run, normalised, sorted, once each.</summary>
public sealed class ManifestImagesTests
{
    private static readonly string[] PodImages =
    [
        "127.0.0.1:15700/shop/bus-bootstrap@sha256:bb1f1ba4084e3830a349e3dc708cc6efffd173980f09a4ac4135310cc3d3872e",
        "127.0.0.1:15700/shop/orders-api:3f5d5222",
        "docker.io/fluent/fluent-bit:3.0",
        "docker.io/library/busybox:1.36",
        "docker.io/library/debian:bookworm",
        "docker.io/library/nginx:latest",
        "docker.io/library/postgres:16.2",
        "ghcr.io/acme/debug-tools:v1",
        "registry.example.com:5000/ops/cleanup:2024.1@sha256:0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080706050403020100f",
    ];

    [Fact]
    public void Every_container_of_every_workload_kind_and_nothing_else() =>
        ManifestImages.Find(RenderedManifests.System).Should().Equal(PodImages);

    [Fact]
    public void All_image_keys_adds_the_custom_resources_and_config_but_not_text_inside_strings() =>
        ManifestImages.Find(RenderedManifests.System, allImageKeys: true).Should().Equal(
            PodImages.Concat([
                "docker.io/not-a-workload/config-value:1",
                "quay.io/acme/synthetic-check:1",
                "quay.io/prometheus/blackbox-exporter:v0.25.0",
            ]).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("library/nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("docker.io/nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("index.docker.io/library/nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("registry-1.docker.io/bitnami/redis:7.2", "docker.io/bitnami/redis:7.2")]
    [InlineData("bitnami/redis", "docker.io/bitnami/redis:latest")]
    [InlineData("localhost/app:1", "localhost/app:1")]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app:latest")]
    [InlineData(" ghcr.io/acme/app:v1 ", "ghcr.io/acme/app:v1")]
    public void Docker_Hub_names_are_spelled_out(string image, string normalised) =>
        ManifestImages.Normalize(image).Should().Be(normalised);

    [Fact]
    public void The_same_image_written_two_ways_is_listed_once()
    {
        const string manifests = """
            apiVersion: v1
            kind: Pod
            metadata: { name: a }
            spec:
              containers:
                - { name: a, image: redis }
                - { name: b, image: "docker.io/library/redis:latest" }
                - { name: c, image: "" }
                - { name: d }
            """;

        ManifestImages.Find(manifests).Should().Equal("docker.io/library/redis:latest");
    }

    [Fact]
    public void Invalid_yaml_is_a_clear_error()
    {
        var find = () => ManifestImages.Find("kind: Pod\nspec: [unclosed\n");
        find.Should().Throw<TargetFailedException>().WithMessage("The rendered manifests are not valid YAML (line *");
    }
}
