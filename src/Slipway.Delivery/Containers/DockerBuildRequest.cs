using Slipway.Delivery.Registry;

namespace Slipway.Delivery.Containers;

/// <summary>What to build: Dockerfile path inside the context, tags, build args, labels, optional stage target.</summary>
public sealed record DockerBuildRequest
{
    public string Dockerfile { get; init; } = "Dockerfile";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? Target { get; init; }
    /// <summary>"host" gives RUN steps the host's network (the engine here runs with --bridge=none).</summary>
    public string? NetworkMode { get; init; }
    public bool Pull { get; init; }
    /// <summary>Credentials per registry host for FROM images.</summary>
    public IReadOnlyDictionary<string, RegistryCredentials> RegistryAuth { get; init; } = new Dictionary<string, RegistryCredentials>();
}
