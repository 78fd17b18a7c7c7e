using System.Security.Cryptography;

namespace Slipway.Delivery.Secrets;

/// <summary>
/// For throw-away environments (local): a random value, generated once and kept (0600) so later deploys are stable;
/// a value given by another source (a variable, a file) replaces it and is kept the same way.
/// </summary>
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

    /// <summary>
    /// Keeps a value another source provided in place of the generated one, so a later run without that source
    /// deploys it again rather than a generated value; true when the kept value changed.
    /// </summary>
    public bool Keep(string secret, string key, string value)
    {
        var file = Path.Combine(directory, secret, key);
        if (File.Exists(file) && File.ReadAllText(file) == value) return false;
        Slipway.Engine.AbsolutePath.From(Path.GetFullPath(file)).WritePrivateText(value);
        return true;
    }
}
