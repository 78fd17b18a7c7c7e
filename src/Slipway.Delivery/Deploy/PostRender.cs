namespace Slipway.Delivery.Deploy;

/// <summary>The post-renderer helm runs for a release (<see cref="RelocatingPostRenderer"/>) and the plan it applies.</summary>
public sealed record PostRender(string Command, IReadOnlyList<string> Arguments, RelocationPlan Plan);
