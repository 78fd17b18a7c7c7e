using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>Blob uploads, from bytes or streamed: one PUT, or PATCH chunks past ChunkSize; only bytes matching the digest are ever stored.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class BlobUploadTests(LocalStackFixture stack) : IDisposable
{
    private const int ChunkSize = 1024;
    private readonly TwoRegistries _registries = new(stack);

    [Fact]
    public async Task A_copy_with_a_small_chunk_size_uploads_in_chunks_and_keeps_the_digest()
    {
        var repository = _registries.Repository("chunked");
        // 3.5 chunks, exactly one chunk (one PUT), and the config (one PUT)
        var image = await new SyntheticImages(_registries.Source).PushImageAsync(repository, "1.0", ImageFormat.Oci, layerSizes: [ChunkSize * 3 + 512, ChunkSize]);
        var log = new RequestLog();
        using var target = _registries.TargetWith(chunkSize: ChunkSize, handler: log);

        var result = await new ImageCopier(_registries.Source, target, Polly.ResiliencePipeline.Empty).CopyAsync(repository, "1.0", repository, "1.0", ct: _registries.Token);

        result.TargetDigest.Should().Be(image.Digest);
        (await _registries.TargetHoldsAsync(repository, image)).Should().BeTrue();
        log.Lengths(HttpMethod.Patch).Order().Should().Equal(512, ChunkSize, ChunkSize, ChunkSize);
        var blobPuts = log.Requests.Where(r => r.Method == HttpMethod.Put && r.Path.Contains("/blobs/uploads/")).Select(r => r.Length).ToList();
        blobPuts.Should().HaveCount(3).And.Contain(0, "the chunked blob is finished by an empty PUT").And.Contain(ChunkSize);
    }

    [Fact]
    public async Task A_blob_uploaded_in_chunks_reads_back_byte_for_byte()
    {
        var repository = _registries.Repository("chunked-blob");
        var content = new byte[ChunkSize * 5 + 1];
        Random.Shared.NextBytes(content);
        var digest = Manifest.DigestOf(content);
        using var target = _registries.TargetWith(chunkSize: ChunkSize);

        await target.UploadBlobAsync(repository, digest, content, _registries.Token);

        (await _registries.Target.ReadBlobAsync(repository, digest, _registries.Token)).Should().Equal(content);
    }

    [Fact]
    public async Task Bytes_that_do_not_match_their_digest_are_never_uploaded()
    {
        var repository = _registries.Repository("mismatch");
        var content = new byte[100];
        var wrong = Manifest.DigestOf(new byte[101]);

        var upload = () => _registries.Target.UploadBlobAsync(repository, wrong, content, _registries.Token);

        (await upload.Should().ThrowAsync<RegistryException>()).Which.Code.Should().Be("DIGEST_INVALID");
        (await _registries.Target.BlobExistsAsync(repository, wrong, _registries.Token)).Should().BeFalse();
    }

    [Theory]
    [InlineData(ChunkSize / 2)]
    [InlineData(ChunkSize * 3)]
    public async Task A_streamed_blob_whose_bytes_do_not_match_the_digest_is_refused_by_the_registry(int size)
    {
        var repository = _registries.Repository("mismatch");
        var content = new byte[size];
        var claimed = Manifest.DigestOf(new byte[size + 1]);
        using var target = _registries.TargetWith(chunkSize: ChunkSize);

        var upload = () => target.UploadBlobAsync(repository, claimed, new MemoryStream(content), content.Length, _registries.Token);

        (await upload.Should().ThrowAsync<RegistryException>()).Which.Code.Should().Be("DIGEST_INVALID");
        (await _registries.Target.BlobExistsAsync(repository, claimed, _registries.Token)).Should().BeFalse();
    }

    [Theory]
    [InlineData(ChunkSize / 2)]
    [InlineData(ChunkSize * 3)]
    public async Task A_stream_that_ends_early_fails_the_upload_and_stores_nothing(int size)
    {
        var repository = _registries.Repository("truncated");
        var content = new byte[size];
        Random.Shared.NextBytes(content);
        var digest = Manifest.DigestOf(content);
        using var target = _registries.TargetWith(chunkSize: ChunkSize);

        var upload = () => target.UploadBlobAsync(repository, digest, new MemoryStream(content[..^10]), content.Length, _registries.Token);

        await upload.Should().ThrowAsync<HttpRequestException>();
        (await _registries.Target.BlobExistsAsync(repository, digest, _registries.Token)).Should().BeFalse();
    }

    public void Dispose() => _registries.Dispose();
}
