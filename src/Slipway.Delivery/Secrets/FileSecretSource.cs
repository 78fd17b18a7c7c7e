namespace Slipway.Delivery.Secrets;

/// <summary>Secrets from files <c>&lt;directory&gt;/&lt;secret&gt;/&lt;key&gt;</c> (a mounted secret store, a CI file variable).</summary>
public sealed class FileSecretSource(string directory) : ISecretSource
{
    public string? Get(string secret, string key)
    {
        var file = Path.Combine(directory, secret, key);
        return File.Exists(file) ? File.ReadAllText(file).TrimEnd('\n', '\r') : null;
    }

    public string Where(string secret, string key) => $"file {Path.Combine(directory, secret, key)}";
}
