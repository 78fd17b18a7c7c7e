using Docker.DotNet.Models;

namespace Slipway.Delivery.Containers;

/// <summary>
/// Reads the progress stream of a push, pull or import: status lines for the log, the digest a push reports, and the
/// error that ends a failed one (the engine reports it only in the stream, after a 200 response).
/// </summary>
internal sealed class StreamProgress(string what, Action<string>? onOutput) : IProgress<JSONMessage>
{
    private string? _error;

    public string? Digest { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value.Error?.Message is { Length: > 0 } error) _error ??= error.Trim();
        if (value.AuxString("Digest") is { } digest) Digest = digest;
        if (value.Status is { } status && value.Progress?.Current == null)
            onOutput?.Invoke(value.ID is { Length: > 0 } id ? $"{id}: {status}" : status);
    }

    /// <summary>Throws when the stream reported an error.</summary>
    public void ThrowIfFailed()
    {
        if (_error != null) throw new DockerException($"Docker could not {what}: {_error}");
    }
}
