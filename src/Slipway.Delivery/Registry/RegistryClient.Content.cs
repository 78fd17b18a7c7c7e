using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Slipway.Delivery.Registry;

/// <summary>Manifests and blobs: read, write, mount and upload, each verified against its digest.</summary>
public sealed partial class RegistryClient
{
    /// <summary>
    /// Blobs up to this size go in one PUT; larger ones in chunks of this size. Each chunk costs a request the registry
    /// handles slowly (8 MiB chunks made a 126 MB layer ~40% slower), so only very large blobs are split.
    /// </summary>
    public long ChunkSize { get; init; } = 128 * 1024 * 1024;

    /// <summary>The manifest by tag or digest, its digest computed from the bytes and checked against the registry's.</summary>
    public async Task<Manifest?> GetManifestAsync(string repository, string reference, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, repository, reference), PullScope(repository), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, $"get manifest {repository}:{reference}", ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var digest = Manifest.DigestOf(bytes);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var header) && header.First() != digest)
            throw new RegistryException($"Registry {Registry} sent manifest {repository}:{reference} whose bytes hash to {digest}, not the {header.First()} it claims.", code: "DIGEST_INVALID");
        if (reference.StartsWith("sha256:", StringComparison.Ordinal) && reference != digest)
            throw new RegistryException($"Registry {Registry} answered {repository}@{reference} with content of digest {digest}.", code: "DIGEST_INVALID");
        return new Manifest(bytes, response.Content.Headers.ContentType?.MediaType ?? "", digest);
    }

    /// <summary>Writes a manifest under a tag (or its digest); returns the digest the registry confirmed.</summary>
    public async Task<string> PutManifestAsync(string repository, string reference, Manifest manifest, CancellationToken ct = default)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"v2/{repository}/manifests/{reference}") { Content = new ByteArrayContent(manifest.Bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return request;
        }, PushScope(repository), ct);
        await EnsureSuccessAsync(response, $"put manifest {repository}:{reference}", ct);
        var confirmed = response.Headers.TryGetValues("Docker-Content-Digest", out var header) ? header.First() : manifest.Digest;
        if (confirmed != manifest.Digest)
            throw new RegistryException($"Registry {Registry} stored manifest {repository}:{reference} as {confirmed}, expected {manifest.Digest}.", code: "DIGEST_INVALID");
        return confirmed;
    }

    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, $"v2/{repository}/blobs/{digest}"), PullScope(repository), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, $"check blob {repository}@{digest}", ct);
        return true;
    }

    /// <summary>Streams a blob (redirects followed); the caller verifies the digest while reading.</summary>
    public async Task<HttpResponseMessage> GetBlobAsync(string repository, string digest, CancellationToken ct = default)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/blobs/{digest}"), PullScope(repository), ct);
        await EnsureSuccessAsync(response, $"get blob {repository}@{digest}", ct);
        return response;
    }

    /// <summary>Cross-repository mount within this registry: true when mounted (no bytes moved).</summary>
    public async Task<bool> MountBlobAsync(string repository, string digest, string fromRepository, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post,
            $"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}"),
            $"{PushScope(repository)} {PullScope(fromRepository)}", ct);
        if (response.StatusCode == HttpStatusCode.Created) return true;
        await EnsureSuccessAsync(response, $"mount blob {digest} into {repository}", ct);
        // 202: the registry opened an upload instead; leave it to expire
        return false;
    }

    /// <summary>Uploads a blob (one PUT, or PATCH chunks then PUT when larger than <see cref="ChunkSize"/>); the registry verifies the digest.</summary>
    public async Task UploadBlobAsync(string repository, string digest, byte[] content, CancellationToken ct = default)
    {
        var actual = Manifest.DigestOf(content);
        if (actual != digest)
            throw new RegistryException($"Refusing to upload blob {digest} to {Registry}/{repository}: its bytes hash to {actual}.", code: "DIGEST_INVALID");
        await UploadAsync(repository, digest, content.LongLength, (offset, length) => new ByteArrayContent(content, (int)offset, (int)length), ct);
    }

    /// <summary>
    /// Uploads the next <paramref name="length"/> bytes of <paramref name="content"/> as they arrive (e.g. a blob streamed
    /// from another registry), never holding the whole blob; the registry checks them against the digest before storing it.
    /// </summary>
    public Task UploadBlobAsync(string repository, string digest, Stream content, long length, CancellationToken ct = default) =>
        UploadAsync(repository, digest, length, (_, size) => new StreamContent(new StreamWindow(content, size)) { Headers = { ContentLength = size } }, ct);

    /// <summary>One PUT, or PATCH chunks then an empty PUT; <paramref name="body"/> makes the request body for (offset, length).</summary>
    private async Task UploadAsync(string repository, string digest, long length, Func<long, long, HttpContent> body, CancellationToken ct)
    {
        var location = await StartUploadAsync(repository, ct);
        if (length > ChunkSize)
        {
            for (long offset = 0; offset < length; offset += ChunkSize)
            {
                var size = Math.Min(ChunkSize, length - offset);
                var start = offset;
                var current = location;
                using var patch = await SendAsync(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Patch, current) { Content = body(start, size) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + size - 1}");
                    return request;
                }, PushScope(repository), ct);
                await EnsureSuccessAsync(patch, $"upload a chunk of {digest} to {repository}", ct);
                location = LocationOf(patch) ?? location;
            }
            await FinishUploadAsync(repository, digest, location, null, ct);
        }
        else
            await FinishUploadAsync(repository, digest, location, () => body(0, length), ct);
    }

    private async Task<Uri> StartUploadAsync(string repository, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"v2/{repository}/blobs/uploads/"), PushScope(repository), ct);
        await EnsureSuccessAsync(response, $"start an upload to {repository}", ct);
        return LocationOf(response) ?? throw new RegistryException($"Registry {Registry} opened an upload to {repository} without a Location.");
    }

    private async Task FinishUploadAsync(string repository, string digest, Uri location, Func<HttpContent>? body, CancellationToken ct)
    {
        var separator = location.ToString().Contains('?') ? "&" : "?";
        var target = new Uri(location + $"{separator}digest={Uri.EscapeDataString(digest)}", UriKind.RelativeOrAbsolute);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = body?.Invoke() ?? new ByteArrayContent([]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, PushScope(repository), ct);
        await EnsureSuccessAsync(response, $"finish the upload of {digest} to {repository}", ct);
    }

    private Uri? LocationOf(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location)) : null;

    /// <summary>Reads a whole blob and checks it against its digest.</summary>
    public async Task<byte[]> ReadBlobAsync(string repository, string digest, CancellationToken ct = default)
    {
        using var response = await GetBlobAsync(repository, digest, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var actual = "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        if (actual != digest)
            throw new RegistryException($"Registry {Registry} sent blob {repository}@{digest} whose bytes hash to {actual}.", HttpStatusCode.BadGateway, "DIGEST_INVALID");
        return bytes;
    }
}
