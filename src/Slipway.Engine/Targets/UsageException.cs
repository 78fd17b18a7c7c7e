namespace Slipway.Engine;

/// <summary>The user asked for something that cannot run: unknown target or parameter, bad or missing value.</summary>
public sealed class UsageException(string message) : Exception(message);
