using System.Net;
using Slipway.Engine;

namespace Slipway.Delivery.Registry;

/// <summary>A registry refused or failed a request; carries the status and the registry's error code and message.</summary>
public sealed class RegistryException(string message, HttpStatusCode? status = null, string? code = null) : TargetFailedException(message)
{
    public HttpStatusCode? Status { get; } = status;
    /// <summary>The OCI distribution error code, e.g. MANIFEST_UNKNOWN, UNAUTHORIZED, DIGEST_INVALID.</summary>
    public string? Code { get; } = code;
}
