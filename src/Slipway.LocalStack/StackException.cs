using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>A part of the stack could not be provisioned or started; the message names the part, its log and what to do.</summary>
public sealed class StackException(string message) : TargetFailedException(message);
