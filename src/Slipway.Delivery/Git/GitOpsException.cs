using Slipway.Engine;

namespace Slipway.Delivery.Git;

/// <summary>Writing to a deployment repository failed; the message names the repository (without credentials) and branch.</summary>
public sealed class GitOpsException(string message, Exception? inner = null) : TargetFailedException(message, inner);
