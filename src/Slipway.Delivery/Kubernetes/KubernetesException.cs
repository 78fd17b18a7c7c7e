using System.Net;
using Slipway.Engine;

namespace Slipway.Delivery.Kubernetes;

/// <summary>The API server refused a request; carries its status, reason and message.</summary>
public sealed class KubernetesException(HttpStatusCode status, string? reason, string message)
    : TargetFailedException(message)
{
    public HttpStatusCode Status { get; } = status;
    /// <summary>The Status object's reason, e.g. NotFound, AlreadyExists, Conflict, Forbidden.</summary>
    public string? Reason { get; } = reason;
    public bool IsNotFound => Status == HttpStatusCode.NotFound;
    public bool IsConflict => Status == HttpStatusCode.Conflict;
}

/// <summary>A kubeconfig that cannot be used: missing, unreadable, or naming something it does not define.</summary>
public sealed class KubernetesConfigException(string message) : TargetFailedException(message);
