using System.Text.RegularExpressions;

namespace Slipway.Delivery.Values;

/// <summary>What an unquoted scalar may contain, and what it would be read as.</summary>
internal static partial class PlainScalars
{
    /// <summary>True when <paramref name="value"/> reads back as exactly itself when written unquoted.</summary>
    public static bool CanBePlain(string value, bool inFlow)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) return false;
        if (value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' || (c != ' ' && char.IsWhiteSpace(c)))) return false;
        var first = value[0];
        if ("?:,[]{}#&*!|>'\"%@`".Contains(first)) return false;
        if (first == '-' && (value.Length == 1 || value[1] == ' ')) return false;
        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal)) return false;
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':')) return false;
        return !inFlow || value.IndexOfAny([',', '[', ']', '{', '}', ':']) < 0;
    }

    /// <summary>
    /// True when an unquoted <paramref name="value"/> would be read as something other than a string (null, boolean,
    /// number, timestamp) by a YAML 1.1 or 1.2 reader such as Helm's.
    /// </summary>
    public static bool ReadsAsNonString(string value) => value.Length == 0 || NonString().IsMatch(value);

    [GeneratedRegex("""
        ^(?:
          ~|null|Null|NULL
        | y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        | [-+]?(?:0|[1-9][0-9_]*)
        | [-+]?0[0-7_]+ | 0o[0-7]+ | [-+]?0x[0-9a-fA-F_]+ | [-+]?0b[01_]+
        | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
        | [-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?
        | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
        | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
        | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\x20\t].*)?
        )$
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex NonString();
}
