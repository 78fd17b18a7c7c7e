using System.Security.Cryptography;

namespace Slipway.Delivery.Secrets;

/// <summary>For throw-away environments (local): a random value, generated once and kept (0600) so later deploys are stable.</summary>
public sealed class GeneratedSecretSource(string directory) : ISecretSource
{
    public string? Get(string secret, string key)
    {
        var file = Path.Combine(directory, secret, key);
        if (!File.Exists(file))
            Slipway.Engine.AbsolutePath.From(Path.GetFullPath(file)).WritePrivateText(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        return File.ReadAllText(file);
    }

    public string Where(string secret, string key) => $"generated file {Path.Combine(directory, secret, key)}";
}
