using System.Text.RegularExpressions;

namespace Slipway.Delivery.Tests.Values;

/// <summary>
/// What a plain (unquoted) scalar means to common YAML readers: the YAML 1.2 core schema, and YAML 1.1's implicit types
/// as PyYAML and go-yaml v2 (Helm's reader) resolve them, where <c>Yes</c>, <c>off</c>, <c>0x1F</c>, <c>1:30</c> and
/// dates are not strings. Written from those specifications, independently of the product's quoting rules.
/// </summary>
internal static partial class ImplicitTypes
{
    /// <summary>What a plain scalar resolves to: null, bool, int, float, timestamp, merge, value or str.</summary>
    public static string OfPlain(string text) =>
        Null().IsMatch(text) ? "null"
        : Bool().IsMatch(text) ? "bool"
        : Int().IsMatch(text) ? "int"
        : Float().IsMatch(text) ? "float"
        : Timestamp().IsMatch(text) ? "timestamp"
        : text == "<<" ? "merge"
        : text == "=" ? "value"
        : "str";

    [GeneratedRegex("^(?:~|null|Null|NULL|)$")]
    private static partial Regex Null();

    [GeneratedRegex("^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Bool();

    [GeneratedRegex("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+" +
                    "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?[0-9]+|0o[0-7]+)$")]
    private static partial Regex Int();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?" +
                    @"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)" +
                    @"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}" +
                    @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?" +
                    @"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$")]
    private static partial Regex Timestamp();
}
