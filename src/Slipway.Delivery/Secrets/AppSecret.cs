namespace Slipway.Delivery.Secrets;

/// <summary>A Kubernetes Secret the system's pods read (e.g. <c>orders-db</c> with key <c>password</c>), filled from a secret source at deploy.</summary>
public sealed record AppSecret(string Name, IReadOnlyList<string> Keys);
