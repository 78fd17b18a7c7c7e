namespace Slipway.Delivery.Containers;

/// <summary>What the engine says it is: its release (e.g. 20.10.24), the newest API version it serves (e.g. 1.41).
/// </summary>
public sealed record DockerVersion(string Version, string ApiVersion, string Os, string Architecture);
