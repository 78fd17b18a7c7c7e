using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Delivery.Environments;

/// <summary>
/// A valid, unique Kubernetes namespace (DNS-1123 label, at most 63 characters) derived from a branch name:
/// <c>feature/JIRA-142-new-pricing</c> → <c>preview-feature-jira-142-new-pricing</c>; long names are cut and get a
/// short hash of the full branch name, so two branches never collide.
/// </summary>
public static partial class PreviewNamespace
{
    public const int MaxLength = 63;
    public const string Prefix = "preview-";

    public static string For(string branch)
    {
        var slug = NotAllowed().Replace(branch.ToLowerInvariant(), "-").Trim('-');
        slug = Dashes().Replace(slug, "-");
        var name = Prefix + (slug.Length == 0 ? "branch" : slug);
        // '/' → '-' alone keeps names readable (preview branches always have one prefix/); any other lossy mapping
        // (case, characters, length) gets a hash of the original so distinct branches stay distinct.
        var exact = name == Prefix + branch.Replace('/', '-');
        if (name.Length <= MaxLength && exact) return name;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(branch)))[..8].ToLowerInvariant();
        var room = MaxLength - hash.Length - 1;
        return (name.Length > room ? name[..room].TrimEnd('-') : name) + "-" + hash;
    }

    public static bool IsValid(string name) => name.Length <= MaxLength && Label().IsMatch(name);

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotAllowed();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
