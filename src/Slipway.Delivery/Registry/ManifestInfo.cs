namespace Slipway.Delivery.Registry;

/// <summary>What a HEAD on a manifest tells: its digest, media type and size.</summary>
public sealed record ManifestInfo(string Digest, string MediaType, long Size);
