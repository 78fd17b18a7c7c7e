namespace Slipway.Delivery.Containers;

/// <summary>One context of the store: its engine host and TLS material.</summary>
public sealed record DockerContext(string Name, string Description, string Host, string MetaFile, DockerTls? Tls);
