using System.Net;
using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>Copies that cannot be made: each says why, at once, and writes nothing into the target.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class CopyRefusalTests(LocalStackFixture stack) : IDisposable
{
    private readonly TwoRegistries _registries = new(stack);

    [Theory]
    [InlineData("wrong-password")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_password_is_a_401_with_a_hint_and_writes_nothing(string? password)
    {
        var repository = _registries.Repository("app");
        var image = await new SyntheticImages(_registries.Source).PushImageAsync(repository, "1.0", ImageFormat.Oci);
        using var target = password == null
            ? new RegistryClient(stack.Environment.TargetRegistry)
            : new RegistryClient(stack.Environment.TargetRegistry, new RegistryCredentials(stack.Environment.TargetRegistryUsername, password));

        var copy = () => new ImageCopier(_registries.Source, target).CopyAsync(repository, "1.0", repository, "1.0", ct: _registries.Token);

        var error = (await copy.Should().ThrowAsync<RegistryException>()).Which;
        error.Status.Should().Be(HttpStatusCode.Unauthorized);
        error.Message.Should().Contain("401").And.Contain("Check the registry credentials").And.Contain(stack.Environment.TargetRegistry);
        error.Message.Should().NotContain(stack.Environment.TargetRegistryPassword);
        (await _registries.Target.ListTagsAsync(repository, _registries.Token)).Should().BeEmpty();
        foreach (var blob in image.Blobs)
            (await _registries.Target.BlobExistsAsync(repository, blob.Digest, _registries.Token)).Should().BeFalse();
    }

    [Fact]
    public async Task A_source_tag_that_does_not_exist_says_so_and_writes_nothing()
    {
        var repository = _registries.Repository("app");
        await new SyntheticImages(_registries.Source).PushImageAsync(repository, "1.0", ImageFormat.Oci);

        var copy = () => new ImageCopier(_registries.Source, _registries.Target).CopyAsync(repository, "2.0", repository, "2.0", ct: _registries.Token);

        var error = (await copy.Should().ThrowAsync<RegistryException>()).Which;
        error.Code.Should().Be("MANIFEST_UNKNOWN");
        error.Message.Should().Be($"{stack.Environment.Registry}/{repository}:2.0 does not exist: nothing to copy.");
        (await _registries.Target.ListTagsAsync(repository, _registries.Token)).Should().BeEmpty();
    }

    public void Dispose() => _registries.Dispose();
}
