using System.Net;
using Slipway.Engine;

namespace Slipway.Delivery.Registry;

/// <summary>A registry refused or failed a request; carries the status and the registry's error code and message.</summary>
public sealed class RegistryException(string message, HttpStatusCode? status = null, string? code = null,
    Exception? inner = null) : TargetFailedException(message, inner)
{
    /// <summary><see cref="Code"/> of a registry whose connection could not be made (refused, not accepted).</summary>
    public const string Unreachable = "SLIPWAY_UNREACHABLE";
    /// <summary><see cref="Code"/> of a registry that took the request and did not answer in time.</summary>
    public const string NoAnswer = "SLIPWAY_NO_ANSWER";

    public HttpStatusCode? Status { get; } = status;
    /// <summary>The OCI distribution error code, e.g. MANIFEST_UNKNOWN, UNAUTHORIZED, DIGEST_INVALID.</summary>
    public string? Code { get; } = code;
}
