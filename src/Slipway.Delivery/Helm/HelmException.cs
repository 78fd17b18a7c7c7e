using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>helm failed; carries its (masked) error output.</summary>
public sealed class HelmException(string message, string? errorOutput = null) : TargetFailedException(message)
{
    public string? ErrorOutput { get; } = errorOutput;
}
