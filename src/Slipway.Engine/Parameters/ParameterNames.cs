using System.Text;

namespace Slipway.Engine;

/// <summary>How one parameter name is spelled in each source: --kebab-case, SCREAMING_SNAKE and SLIPWAY_ prefixed.</summary>
public static class ParameterNames
{
    public const string EnvironmentPrefix = "SLIPWAY_";

    /// <summary>Lowercase letters and digits only: the key all spellings are compared by.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    public static string Kebab(string name) => string.Join('-', Words(name)).ToLowerInvariant();

    public static string Screaming(string name) => string.Join('_', Words(name)).ToUpperInvariant();

    private static IEnumerable<string> Words(string name)
    {
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
                continue;
            }
            var boundary = word.Length > 0 && char.IsUpper(c) &&
                           (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary) { yield return word.ToString(); word.Clear(); }
            word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
