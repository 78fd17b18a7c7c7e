using FluentAssertions;
using Slipway.Delivery.Registry;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>Image references split and normalised as Docker does; a bad one is refused with a message that says what is wrong.</summary>
public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080706050403020100f";

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", "latest", null)]
    [InlineData("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", null)]
    [InlineData("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", null)]
    [InlineData("127.0.0.1:15700/shop/orders-api:3f5d5222-dirty", "127.0.0.1:15700", "shop/orders-api", "3f5d5222-dirty", null)]
    [InlineData("localhost/app", "localhost", "app", "latest", null)]
    [InlineData("registry.example.com:5000/a/b/c:v1@" + Digest, "registry.example.com:5000", "a/b/c", "v1", Digest)]
    [InlineData("ghcr.io/acme/app@" + Digest, "ghcr.io", "acme/app", null, Digest)]
    public void A_reference_splits_into_its_parts(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        reference.Should().Be(new ImageReference(registry, repository, tag, digest));
        reference.Reference.Should().Be(digest ?? tag);
        ImageReference.Parse(reference.ToString()).Should().Be(reference);
    }

    [Theory]
    [InlineData("", "is not an image reference (empty or contains spaces)")]
    [InlineData("shop/orders api:1", "is not an image reference (empty or contains spaces)")]
    [InlineData("Shop/Orders-API:1.0", "has an invalid repository 'Shop/Orders-API'")]
    [InlineData("127.0.0.1:15700/shop//app:1", "has an invalid repository 'shop//app'")]
    [InlineData("nginx:", "has an invalid tag ''")]
    [InlineData("nginx:-leading-dash", "has an invalid tag '-leading-dash'")]
    [InlineData("nginx@sha256:abc", "has an invalid digest 'sha256:abc' (expected sha256:<64 hex>)")]
    [InlineData("nginx@md5:0123", "has an invalid digest 'md5:0123'")]
    public void A_bad_reference_is_a_format_exception_naming_the_input_and_the_fault(string text, string fault)
    {
        var parse = () => ImageReference.Parse(text);

        parse.Should().Throw<FormatException>().Which.Message.Should().StartWith($"'{text}' ").And.Contain(fault);
        ImageReference.TryParse(text, out var reference, out var error).Should().BeFalse();
        reference.Should().BeNull();
        error.Should().Contain(fault);
    }
}
