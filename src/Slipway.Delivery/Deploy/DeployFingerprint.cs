using System.Security.Cryptography;
using System.Text;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// What a release was deployed from — chart sources, values files in order, --set values — as one digest, kept in the
/// helm release's description. Equal fingerprints mean nothing to deploy (no new revision), as helmfile apply does.
/// </summary>
public static class DeployFingerprint
{
    public const string Marker = "slipway-fingerprint=";

    /// <param name="relocatedInto">
    /// The target registry a post-renderer relocates images into, when one runs. Its image list does not count: target tags
    /// are immutable, so the same render relocates to the same digests, and a release is not upgraded for another's images.
    /// </param>
    public static string Compute(ReleaseDefinition release, ValuesLayers values, string ns,
        string? relocatedInto = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add("namespace:" + ns);
        // a published version never changes: its reference stands for its content
        if (release.Published is { } published) Add("published-chart:" + published);
        else
            foreach (var file in ChartDependencies.SourceFiles(release.Chart))
            {
                Add("chart:" + Path.GetRelativePath(release.Chart, file).Replace('\\', '/'));
                hash.AppendData(File.ReadAllBytes(file));
            }
        foreach (var file in values.Files)
        {
            Add("values:" + Path.GetFileName(file));
            hash.AppendData(File.ReadAllBytes(file));
        }
        foreach (var (key, value) in values.Set) Add($"set:{key}={value}");
        if (relocatedInto != null) Add("relocated-into:" + relocatedInto);
        return Convert.ToHexString(hash.GetHashAndReset())[..24].ToLowerInvariant();
    }

    public static string Description(string fingerprint, string gitSha) => $"{Marker}{fingerprint} commit={gitSha[..Math.Min(12, gitSha.Length)]}";

    public static string? Of(string? description)
    {
        if (description == null) return null;
        var start = description.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0) return null;
        var value = description[(start + Marker.Length)..];
        var end = value.IndexOf(' ');
        return end < 0 ? value : value[..end];
    }
}
