namespace Slipway.Engine;

/// <summary>A build target: a property of this type, declared on the build or on a component interface, defines one step.</summary>
public delegate ITargetDefinition Target(ITargetDefinition _);
