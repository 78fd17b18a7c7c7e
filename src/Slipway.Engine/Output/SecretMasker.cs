namespace Slipway.Engine;

/// <summary>Replaces every registered secret value with <c>****</c> in text bound for any output.</summary>
public sealed class SecretMasker
{
    public const string Mask = "****";
    /// <summary>Shorter values would mask ordinary words; they are refused with a warning instead.</summary>
    public const int MinimumLength = 3;

    private readonly object _gate = new();
    private string[] _secrets = [];

    /// <summary>Registers a value; returns false when it is too short to be masked safely.</summary>
    public bool Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret)) return true;
        if (secret.Length < MinimumLength) return false;
        lock (_gate)
        {
            var forms = new[] { secret, Uri.EscapeDataString(secret), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)) };
            _secrets = _secrets.Concat(forms).Distinct().OrderByDescending(s => s.Length).ToArray();
        }
        return true;
    }

    public bool HasSecrets => _secrets.Length > 0;

    public string Apply(string text)
    {
        var secrets = _secrets;
        foreach (var secret in secrets)
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
