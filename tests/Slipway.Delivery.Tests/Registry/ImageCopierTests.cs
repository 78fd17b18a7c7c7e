using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>Copies into the client registry (which wants a password): digests kept, only missing blobs moved, nothing twice.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ImageCopierTests(LocalStackFixture stack) : IDisposable
{
    private readonly TwoRegistries _registries = new(stack);

    [Theory]
    [InlineData("docker")]
    [InlineData("oci")]
    public async Task A_copy_into_the_client_registry_keeps_the_digest_and_moves_every_blob_once(string format)
    {
        var repository = _registries.Repository("app");
        var image = await new SyntheticImages(_registries.Source).PushImageAsync(repository, "1.0", ImageFormat.Named(format), layerSizes: [3000, 5000]);
        var progress = new CopyProgress();

        var result = await new ImageCopier(_registries.Source, _registries.Target).CopyAsync(repository, "1.0", repository, "1.0", progress: progress, ct: _registries.Token);

        result.Should().Be(new CopyResult(image.Digest, image.Digest, AlreadyPresent: false));
        (await _registries.Target.HeadManifestAsync(repository, "1.0", _registries.Token))!.Digest
            .Should().Be((await _registries.Source.HeadManifestAsync(repository, "1.0", _registries.Token))!.Digest);
        (await _registries.TargetHoldsAsync(repository, image)).Should().BeTrue();
        progress.BlobsCopied.Should().Be(3);
        progress.BytesCopied.Should().Be(image.Blobs.Sum(b => b.Size));
    }

    [Fact]
    public async Task A_second_copy_is_already_present_and_moves_no_bytes()
    {
        var repository = _registries.Repository("app");
        await new SyntheticImages(_registries.Source).PushImageAsync(repository, "1.0", ImageFormat.Docker);
        var copier = new ImageCopier(_registries.Source, _registries.Target);
        await copier.CopyAsync(repository, "1.0", repository, "1.0", ct: _registries.Token);

        var again = new CopyProgress();
        var second = await copier.CopyAsync(repository, "1.0", repository, "1.0", progress: again, ct: _registries.Token);
        var newTag = new CopyProgress();
        var sameContentNewTag = await copier.CopyAsync(repository, "1.0", repository, "1.0-copy", progress: newTag, ct: _registries.Token);

        second.AlreadyPresent.Should().BeTrue();
        again.BytesCopied.Should().Be(0);
        again.BlobsCopied.Should().Be(0);
        sameContentNewTag.AlreadyPresent.Should().BeFalse();
        newTag.BytesCopied.Should().Be(0, "every blob is already in the target repository");
        newTag.BlobsSkipped.Should().Be(3);
    }

    [Fact]
    public async Task A_layer_that_repeats_in_a_manifest_is_copied_once()
    {
        var repository = _registries.Repository("repeats");
        var empty = new byte[32];
        var image = await new SyntheticImages(_registries.Source).PushLayersAsync(repository, "1.0", ImageFormat.Docker, [empty, new byte[] { 1, 2, 3 }, empty]);
        var progress = new CopyProgress();

        var result = await new ImageCopier(_registries.Source, _registries.Target).CopyAsync(repository, "1.0", repository, "1.0", progress: progress, ct: _registries.Token);

        result.TargetDigest.Should().Be(image.Digest);
        progress.BlobsCopied.Should().Be(3, "two distinct layers and the config");
        progress.BytesCopied.Should().Be(image.Blobs.DistinctBy(b => b.Digest).Sum(b => b.Size));
    }

    [Fact]
    public async Task Blobs_another_repository_of_the_relocation_already_copied_are_mounted_not_uploaded()
    {
        var first = _registries.Repository("first");
        var second = _registries.Repository("second");
        var images = new SyntheticImages(_registries.Source);
        var image = await images.PushImageAsync(first, "1.0", ImageFormat.Oci);
        await new ImageCopier(_registries.Source, _registries.Source).CopyAsync(first, "1.0", second, "1.0", ct: _registries.Token);
        var shared = new TargetBlobs();
        await new ImageCopier(_registries.Source, _registries.Target, targetBlobs: shared).CopyAsync(first, "1.0", first, "1.0", ct: _registries.Token);

        var progress = new CopyProgress();
        await new ImageCopier(_registries.Source, _registries.Target, targetBlobs: shared).CopyAsync(second, "1.0", second, "1.0", progress: progress, ct: _registries.Token);

        progress.BlobsMounted.Should().Be(3);
        progress.BytesCopied.Should().Be(0);
        (await _registries.TargetHoldsAsync(second, image)).Should().BeTrue();
    }

    [Fact]
    public async Task Images_copied_at_once_that_share_blobs_ask_the_target_about_each_blob_once_and_upload_it_once()
    {
        var repositories = new[] { "one", "two", "three" }.Select(_registries.Repository).ToList();
        var image = await new SyntheticImages(_registries.Source).PushImageAsync(repositories[0], "1.0", ImageFormat.Oci);
        foreach (var other in repositories.Skip(1))
            await new ImageCopier(_registries.Source, _registries.Source).CopyAsync(repositories[0], "1.0", other, "1.0", ct: _registries.Token);
        var log = new RequestLog();
        using var target = _registries.TargetWith(handler: log);
        (await target.PingAsync(_registries.Token)).Should().BeNull("the password is sent from the first request on");
        var shared = new TargetBlobs();
        var progress = repositories.Select(_ => new CopyProgress()).ToList();

        await Task.WhenAll(repositories.Select((repository, i) =>
            new ImageCopier(_registries.Source, target, targetBlobs: shared).CopyAsync(repository, "1.0", repository, "1.0", progress: progress[i], ct: _registries.Token)));

        var blobs = image.Blobs.DistinctBy(b => b.Digest).ToList();
        foreach (var blob in blobs)
            log.Requests.Count(r => r.Method == HttpMethod.Head && r.Path.EndsWith("/blobs/" + blob.Digest, StringComparison.Ordinal))
                .Should().Be(1, $"only the copy that uploads {blob.Digest} asks whether the target has it; the others wait and mount it");
        progress.Sum(p => p.BlobsCopied).Should().Be(blobs.Count);
        progress.Sum(p => p.BlobsMounted).Should().Be(blobs.Count * (repositories.Count - 1));
        progress.Sum(p => p.BytesCopied).Should().Be(blobs.Sum(b => b.Size));
        foreach (var repository in repositories)
            (await _registries.TargetHoldsAsync(repository, image)).Should().BeTrue();
    }

    public void Dispose() => _registries.Dispose();
}
