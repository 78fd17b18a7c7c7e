using FluentAssertions;
using Slipway.Delivery.Images;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>The post-renderer's rewrite: hard-coded images of a third-party chart pointed at their relocated copies, nothing else touched.</summary>
public sealed class ManifestRelocationTests
{
    private const string Digest = "sha256:0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080706050403020100f";
    private static readonly ImageRegistry Target = ImageRegistry.Parse("client.example.com:5000/acme");

    private const string Manifests = """
        ---
        # Source: cache/templates/statefulset.yaml
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: cache
        spec:
          template:
            spec:
              initContainers:
                - name: permissions
                  image: busybox:1.36   # plain, Docker Hub short name
              containers:
                - name: redis
                  image: "docker.io/bitnami/redis:7.2"
                - name: ours
                  image: 'client.example.com:5000/acme/shop/orders-api:3f5d5222'
        ---
        # Source: cache/templates/configmap.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cache
        data:
          image: docker.io/bitnami/redis:7.2
        """;

    private static ManifestRelocation Relocation(params string[] relocated) => new(Target, relocated.ToDictionary(
        image => image, image => $"{Target}/{image[(image.IndexOf('/') + 1)..]}@{Digest}"));

    [Fact]
    public void Relocated_pod_images_point_at_their_pinned_copies_and_every_other_byte_stays()
    {
        var result = Relocation("docker.io/library/busybox:1.36", "docker.io/bitnami/redis:7.2").Apply(Manifests);

        result.Should().Be(Manifests
            .Replace("image: busybox:1.36", $"image: \"client.example.com:5000/acme/library/busybox:1.36@{Digest}\"")
            .Replace("image: \"docker.io/bitnami/redis:7.2\"", $"image: \"client.example.com:5000/acme/bitnami/redis:7.2@{Digest}\""));
        result.Should().EndWith("  image: docker.io/bitnami/redis:7.2", "config is not a pod template");
        ManifestImages.Find(result).Should().OnlyContain(image => image.StartsWith("client.example.com:5000/acme/"));
    }

    [Fact]
    public void An_image_neither_relocated_nor_in_the_target_registry_is_refused_by_name()
    {
        var apply = () => Relocation("docker.io/bitnami/redis:7.2").Apply(Manifests);

        apply.Should().Throw<TargetFailedException>()
            .WithMessage("*docker.io/library/busybox:1.36*Run Retag*").Which.Message.Should().NotContain("bitnami/redis");
    }

    [Fact]
    public void Hook_images_outside_the_target_registry_are_named_because_helm_post_renders_no_hook()
    {
        const string hooks = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
              annotations: { helm.sh/hook: pre-upgrade }
            spec:
              template:
                spec:
                  containers: [{ name: migrate, image: "postgres:16.2" }]
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: seed
              annotations: { helm.sh/hook: post-install }
            spec:
              template:
                spec:
                  containers: [{ name: seed, image: "client.example.com:5000/acme/shop/seed:1" }]
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: { name: not-a-hook }
            spec:
              template:
                spec:
                  containers: [{ name: x, image: "nginx:1.27" }]
            """;

        Relocation().HookImagesOutsideTarget(hooks).Should().Equal("docker.io/library/postgres:16.2");
    }
}
