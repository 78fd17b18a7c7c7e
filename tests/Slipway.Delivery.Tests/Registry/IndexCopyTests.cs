using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>Multi-platform images (OCI index, Docker manifest list): every platform copied, the tag written after all of it.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class IndexCopyTests(LocalStackFixture stack) : IDisposable
{
    private readonly TwoRegistries _registries = new(stack);

    [Theory]
    [InlineData("docker")]
    [InlineData("oci")]
    public async Task Copying_an_index_copies_every_platform_before_the_tag(string format)
    {
        var repository = _registries.Repository("multi");
        var index = await new SyntheticImages(_registries.Source).PushMultiPlatformAsync(repository, "2.0", ImageFormat.Named(format));
        var progress = new CopyProgress();

        var result = await new ImageCopier(_registries.Source, _registries.Target).CopyAsync(repository, "2.0", repository, "2.0", progress: progress, ct: _registries.Token);

        result.TargetDigest.Should().Be(index.Digest);
        var copied = await _registries.Target.GetManifestAsync(repository, "2.0", _registries.Token);
        copied!.Digest.Should().Be(index.Digest);
        copied.MediaType.Should().Be(ImageFormat.Named(format).Index);
        copied.Children.Select(c => c.Platform).Should().Equal("linux/amd64", "linux/arm64");
        foreach (var child in index.Children)
            (await _registries.Target.HeadManifestAsync(repository, child.Digest, _registries.Token))!.Digest.Should().Be(child.Digest);
        (await _registries.TargetHoldsAsync(repository, index)).Should().BeTrue();
        progress.BlobsCopied.Should().Be(6);
    }

    [Fact]
    public async Task The_tag_is_written_last_after_every_blob_and_child_manifest()
    {
        var repository = _registries.Repository("ordered");
        var index = await new SyntheticImages(_registries.Source).PushMultiPlatformAsync(repository, "3.0", ImageFormat.Oci);
        await using var proxy = new FaultInjectingProxy(stack.Environment.TargetRegistry, new SeededFaults(0, 0, 0, 0));
        using var target = _registries.TargetWith(address: proxy.Address);

        await new ImageCopier(_registries.Source, target).CopyAsync(repository, "3.0", repository, "3.0", ct: _registries.Token);

        var writes = proxy.Requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("PATCH ", StringComparison.Ordinal)).ToList();
        writes.Where(w => w.Contains("/manifests/3.0", StringComparison.Ordinal)).Should().ContainSingle();
        writes[^1].Should().Be($"PUT /v2/{repository}/manifests/3.0");
        writes.Count(w => w.Contains("/blobs/uploads/", StringComparison.Ordinal)).Should().Be(6);
        writes.Where(w => w.Contains("/manifests/sha256:", StringComparison.Ordinal))
            .Should().Equal(index.Children.Select(c => $"PUT /v2/{repository}/manifests/{c.Digest}"));
    }

    public void Dispose() => _registries.Dispose();
}
