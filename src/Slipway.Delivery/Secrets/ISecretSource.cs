namespace Slipway.Delivery.Secrets;

/// <summary>Where secret values come from (a secret store, CI variables, files). Values are never logged.</summary>
public interface ISecretSource
{
    /// <summary>The value, or null when this source does not have it.</summary>
    string? Get(string secret, string key);

    /// <summary>Where this source would look, for the error message when no source has a value.</summary>
    string Where(string secret, string key);
}
