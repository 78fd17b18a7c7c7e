using Slipway.Engine;

namespace Slipway.Delivery.Secrets;

/// <summary>Secrets from variables named <c>SLIPWAY_SECRET_&lt;SECRET&gt;_&lt;KEY&gt;</c> (CI variables, a sourced file).</summary>
public sealed class EnvironmentSecretSource(Func<string, string?> variables) : ISecretSource
{
    public static string VariableName(string secret, string key) => $"SLIPWAY_SECRET_{ParameterNames.Screaming(secret)}_{ParameterNames.Screaming(key)}";

    public string? Get(string secret, string key) => variables(VariableName(secret, key)) is { Length: > 0 } value ? value : null;

    public string Where(string secret, string key) => $"variable {VariableName(secret, key)}";
}
