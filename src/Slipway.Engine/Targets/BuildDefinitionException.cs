namespace Slipway.Engine;

/// <summary>The build's own code is inconsistent (a cycle, a reference to an unknown target).</summary>
public sealed class BuildDefinitionException(string message) : Exception(message);
