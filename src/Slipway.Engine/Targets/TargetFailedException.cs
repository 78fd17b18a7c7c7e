namespace Slipway.Engine;

/// <summary>A failure a target reports on purpose: its message is shown without a stack trace.</summary>
public class TargetFailedException(string message, Exception? inner = null) : Exception(message, inner);
