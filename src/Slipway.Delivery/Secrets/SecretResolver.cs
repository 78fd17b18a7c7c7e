using Slipway.Engine;

namespace Slipway.Delivery.Secrets;

/// <summary>Takes each key of each secret from the first source that has it; every value is masked from then on.</summary>
public static class SecretResolver
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Resolve(IReadOnlyList<AppSecret> secrets, IReadOnlyList<ISecretSource> sources)
    {
        var resolved = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        var missing = new List<string>();
        foreach (var secret in secrets)
        {
            var values = new Dictionary<string, string>();
            foreach (var key in secret.Keys)
            {
                var (value, source) = sources.Select(s => (s.Get(secret.Name, key), s)).FirstOrDefault(v => v.Item1 != null);
                if (value == null)
                {
                    missing.Add($"{secret.Name}/{key}: set {string.Join(", or ", sources.Select(s => s.Where(secret.Name, key)))}");
                    continue;
                }
                BuildOutput.Current.Masker.Add(value);
                if (source is not GeneratedSecretSource &&
                    sources.OfType<GeneratedSecretSource>().FirstOrDefault() is { } generated &&
                    generated.Keep(secret.Name, key, value))
                    Log.Information($"{secret.Name}/{key}: the value from {source.Where(secret.Name, key)} is kept " +
                                    $"for later runs ({generated.Where(secret.Name, key)}), not replaced by a generated one");
                values[key] = value;
            }
            resolved[secret.Name] = values;
        }
        if (missing.Count > 0)
            throw new TargetFailedException("Secrets are missing; nothing was deployed:\n  - " + string.Join("\n  - ", missing));
        return resolved;
    }
}
