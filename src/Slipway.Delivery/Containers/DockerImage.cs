namespace Slipway.Delivery.Containers;

/// <summary>An image the engine holds: its id (config digest), names, registry digests and labels.</summary>
public sealed record DockerImage(
    string Id,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> RepoDigests,
    IReadOnlyDictionary<string, string> Labels);
