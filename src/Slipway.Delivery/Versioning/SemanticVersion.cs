using System.Globalization;
using System.Text.RegularExpressions;

namespace Slipway.Delivery.Versioning;

/// <summary>
/// A release version as VERSION holds it and release tags carry it: <c>MAJOR.MINOR.PATCH[-pre-release]</c>.
/// </summary>
public sealed partial record SemanticVersion(int Major, int Minor, int Patch, string? PreRelease = null)
{
    public static SemanticVersion Parse(string text, string source)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            throw new Engine.TargetFailedException($"{source} holds '{text.Trim()}', which is not a release version: " +
                                                   "write MAJOR.MINOR.PATCH (e.g. 1.4.0), optionally -pre.1.");
        int Number(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new SemanticVersion(Number("major"), Number("minor"), Number("patch"),
            match.Groups["pre"].Success ? match.Groups["pre"].Value : null);
    }

    /// <summary>The next version: a pre-release is released as is by a patch bump (1.4.0-rc.1 → 1.4.0).</summary>
    public SemanticVersion Bump(ReleaseBump bump) => bump switch
    {
        ReleaseBump.Major => new SemanticVersion(Major + 1, 0, 0),
        ReleaseBump.Minor => new SemanticVersion(Major, Minor + 1, 0),
        _ => PreRelease != null ? this with { PreRelease = null } : new SemanticVersion(Major, Minor, Patch + 1),
    };

    /// <summary>The release tag of this version, as <see cref="SourceVersion"/> reads it back.</summary>
    public string Tag => "v" + this;

    public override string ToString() =>
        $"{Major.ToString(CultureInfo.InvariantCulture)}.{Minor.ToString(CultureInfo.InvariantCulture)}." +
        Patch.ToString(CultureInfo.InvariantCulture) + (PreRelease != null ? "-" + PreRelease : "");

    [GeneratedRegex(@"^(?<major>0|[1-9]\d{0,8})\.(?<minor>0|[1-9]\d{0,8})\.(?<patch>0|[1-9]\d{0,8})" +
                    @"(?:-(?<pre>[0-9A-Za-z.-]+))?$")]
    private static partial Regex Pattern();
}
