using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Secrets;

/// <summary>
/// A version per app secret, passed to the charts as <c>global.secretVersions.&lt;secret&gt;</c>: a pod template that
/// reads the secret carries it, so a rotated value rolls exactly those workloads. The version is an HMAC-SHA256 of the
/// secret's data under a random key kept in the namespace (Secret <see cref="KeySecret"/>, readable by whoever may read
/// the app secrets), so it tells nothing of a value, even a short password, without that key.
/// </summary>
public static class SecretVersions
{
    public const string KeySecret = "slipway-secret-versions";
    private const string KeyName = "key";

    /// <summary>The secret's version: 16 hex characters of the keyed hash of its keys and values, in order.</summary>
    public static string Of(byte[] key, IReadOnlyDictionary<string, string> data)
    {
        using var hmac = new HMACSHA256(key);
        var text = string.Concat(data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}\0{d.Value}\0"));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }

    /// <summary>The namespace's key, made (32 random bytes) by the first deploy; a concurrent one's is kept.</summary>
    public static async Task<byte[]> KeyAsync(KubernetesClient kubernetes, string ns,
        IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        if (await ReadKeyAsync(kubernetes, ns, ct) is { } existing) return existing;
        var key = RandomNumberGenerator.GetBytes(32);
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = KeySecret,
                ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            },
            ["type"] = "Opaque",
            ["data"] = new JsonObject { [KeyName] = Convert.ToBase64String(key) },
        };
        try
        {
            await kubernetes.CreateAsync(KubernetesResources.Secrets(ns), body, ct);
            return key;
        }
        catch (KubernetesException e) when (e.IsConflict)
        {
            return await ReadKeyAsync(kubernetes, ns, ct)
                   ?? throw new KubernetesException(e.Status, e.Reason, $"{KeySecret} in {ns}: {e.Message}");
        }
    }

    /// <summary>The namespace's key, or null when no deploy has made one (nothing is written).</summary>
    public static Task<byte[]?> TryReadKeyAsync(KubernetesClient kubernetes, string ns, CancellationToken ct) =>
        ReadKeyAsync(kubernetes, ns, ct);

    private static async Task<byte[]?> ReadKeyAsync(KubernetesClient kubernetes, string ns, CancellationToken ct) =>
        (await kubernetes.TryGetAsync(KubernetesResources.Secret(ns, KeySecret), ct))?["data"]?[KeyName]
            ?.GetValue<string>() is { Length: > 0 } encoded
            ? Convert.FromBase64String(encoded)
            : null;
}
