using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>A target tag already pointing at other content is never moved silently.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class TagProtectionTests(LocalStackFixture stack) : IDisposable
{
    private readonly TwoRegistries _registries = new(stack);

    [Fact]
    public async Task A_tag_pointing_elsewhere_is_refused_unless_forced()
    {
        var repository = _registries.Repository("app");
        var images = new SyntheticImages(_registries.Source);
        var old = await images.PushImageAsync(repository, "old", ImageFormat.Oci);
        var current = await images.PushImageAsync(repository, "current", ImageFormat.Oci);
        var copier = new ImageCopier(_registries.Source, _registries.Target);
        await copier.CopyAsync(repository, "old", repository, "1.0", ct: _registries.Token);

        var overwrite = () => copier.CopyAsync(repository, "current", repository, "1.0", ct: _registries.Token);
        var refusal = (await overwrite.Should().ThrowAsync<RegistryException>()).Which;
        var untouched = await _registries.Target.HeadManifestAsync(repository, "1.0", _registries.Token);
        var forced = await copier.CopyAsync(repository, "current", repository, "1.0", force: true, ct: _registries.Token);

        refusal.Code.Should().Be("TAG_INVALID");
        refusal.Message.Should().Contain($"{repository}:1.0 already points at {old.Digest}").And.Contain("--force");
        untouched!.Digest.Should().Be(old.Digest);
        forced.TargetDigest.Should().Be(current.Digest);
        (await _registries.Target.HeadManifestAsync(repository, "1.0", _registries.Token))!.Digest.Should().Be(current.Digest);
    }

    public void Dispose() => _registries.Dispose();
}
