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
