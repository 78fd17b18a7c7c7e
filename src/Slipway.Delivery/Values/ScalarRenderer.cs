using System.Globalization;
using System.Text;
using YamlDotNet.Core;

namespace Slipway.Delivery.Values;

/// <summary>Writes a value as scalar text in a given quoting style, switching style only when the value requires it.</summary>
internal static class ScalarRenderer
{
    /// <summary>
    /// The text for <paramref name="value"/> in place of a scalar of <paramref name="style"/>. A plain scalar stays plain
    /// unless the value cannot be written plain, or the old value was read as a string and the new one would not be
    /// (a tag <c>abc1234</c> replaced by <c>1234567</c> would become a number): then it is double-quoted.
    /// </summary>
    public static string Render(string value, ScalarStyle style, bool inFlow, bool stringExpected) => style switch
    {
        ScalarStyle.SingleQuoted when CanBeSingleQuoted(value) => "'" + value.Replace("'", "''") + "'",
        ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => DoubleQuoted(value),
        _ when PlainScalars.CanBePlain(value, inFlow) && !(stringExpected && PlainScalars.ReadsAsNonString(value)) => value,
        _ => DoubleQuoted(value),
    };

    /// <summary>A new key or value: plain when it reads back as the same string, otherwise double-quoted.</summary>
    public static string RenderNew(string value) => Render(value, ScalarStyle.Plain, inFlow: false, stringExpected: true);

    /// <summary>Whether replacing <paramref name="old"/> should keep the new value a string.</summary>
    public static bool ExpectsString(ScalarNode old) =>
        old.Tag == null && (old.Style != ScalarStyle.Plain || old.Value.Length == 0 || !PlainScalars.ReadsAsNonString(old.Value));

    private static bool CanBeSingleQuoted(string value) =>
        !value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' || (c != ' ' && char.IsWhiteSpace(c)));

    public static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\0' => "\\0",
                '\a' => "\\a",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\v' => "\\v",
                '\f' => "\\f",
                '\r' => "\\r",
                '\u001B' => "\\e",
                '\u0085' => "\\N",
                '\u00A0' => "\\_",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                '\uFEFF' => "\\uFEFF",
                _ when char.IsControl(c) => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
