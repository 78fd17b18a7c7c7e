using System.Net;
using Slipway.Engine;

namespace Slipway.Delivery.Containers;

/// <summary>The Docker engine refused or failed a request; the message is the engine's own.</summary>
public class DockerException(string message, HttpStatusCode? status = null) : TargetFailedException(message)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>A build failed; names the Dockerfile step that failed.</summary>
public sealed class DockerBuildException(string message, string? failingStep) : DockerException(message)
{
    public string? FailingStep { get; } = failingStep;
}

/// <summary>
/// No engine could be used: its endpoint is misconfigured, does not answer, or the TLS handshake failed. The message
/// names the endpoint, what set it (DOCKER_HOST, DOCKER_CERT_PATH, a docker context…) and what to do.
/// </summary>
public sealed class DockerEndpointException(string message) : DockerException(message);
