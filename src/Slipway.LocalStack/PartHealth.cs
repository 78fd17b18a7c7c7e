namespace Slipway.LocalStack;

/// <summary>One part's state as StackStatus shows it.</summary>
public sealed record PartHealth(string Part, string Endpoint, bool Healthy, string? Version, string Detail);
