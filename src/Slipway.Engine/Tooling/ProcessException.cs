namespace Slipway.Engine;

/// <summary>A process exited non-zero, timed out or could not start; the message names the (masked) command.</summary>
public sealed class ProcessException(string message, ProcessResult? result = null) : TargetFailedException(message)
{
    public ProcessResult? Result { get; } = result;
}
