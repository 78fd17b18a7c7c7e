namespace Slipway.Delivery.Ci.Planning;

/// <summary>A component, with the repository paths whose change rebuilds its image (folders end in '/').</summary>
public sealed record CiComponent(string Name, IReadOnlyList<string> Changes);

/// <summary>
/// One part of a per-component job: the declared job's id (<c>images</c>), the component it builds and the variable
/// naming it (<c>SLIPWAY_COMPONENT</c>).
/// </summary>
public sealed record CiComponentJob(string DeclaredId, CiComponent Component, string Variable);
