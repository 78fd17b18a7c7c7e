using System.Text.RegularExpressions;

namespace Slipway.Delivery.Ci.Yaml;

/// <summary>
/// How a string is written so that YAML reads it back unchanged: plain when nothing in it could be taken for syntax,
/// a number, a boolean or null; otherwise double-quoted when it holds single quotes, else single-quoted.
/// </summary>
public static partial class YamlScalarStyle
{
    public static string Format(string value, bool inFlow = false)
    {
        if (value.Contains('\n') || value.Contains('\r'))
            throw new ArgumentException($"Generated YAML scalars are single-line: {value}", nameof(value));
        if (IsPlainSafe(value, inFlow)) return value;
        if (value.Contains('\'') && !value.Contains('"') && !value.Contains('\\')) return "\"" + value + "\"";
        return "'" + value.Replace("'", "''") + "'";
    }

    /// <summary>Keys are plain unless they hold syntax; words such as <c>on</c> stay plain, as CI files expect.</summary>
    public static string FormatKey(string key) => KeyPattern().IsMatch(key) ? key : Format(key);

    private static bool IsPlainSafe(string value, bool inFlow)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) return false;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0])) return false;
        if (value.Contains(": ") || value.Contains(" #") || value.EndsWith(':') || value.Contains('\t')) return false;
        if (inFlow && value.IndexOfAny([',', '[', ']', '{', '}']) >= 0) return false;
        if (value.Any(char.IsControl)) return false;
        return !Special().IsMatch(value);
    }

    /// <summary>Words and numbers YAML 1.1 or 1.2 would read as something other than a string.</summary>
    [GeneratedRegex(@"^(?i:y|n|yes|no|true|false|on|off|null|~|[-+]?\.(inf|nan))$|^[-+]?(0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9_]+([eE][-+]?[0-9]+)?|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")]
    private static partial Regex Special();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex KeyPattern();
}
