using System.Text.RegularExpressions;

namespace Slipway.Delivery.Environments;

/// <summary>Branch and tag globs: <c>*</c> matches within a path segment, <c>**</c> across segments.</summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string value)
    {
        var regex = "^" + Regex.Escape(pattern).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", ".") + "$";
        return Regex.IsMatch(value, regex);
    }
}
