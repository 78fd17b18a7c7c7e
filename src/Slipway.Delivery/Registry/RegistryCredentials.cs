namespace Slipway.Delivery.Registry;

/// <summary>A user name and password (or token) for one registry.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"{Username}:****";
}
