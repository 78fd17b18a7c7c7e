using System.Text;

namespace Slipway.Delivery.Ci.Yaml;

/// <summary>Writes a document in block style with two-space indentation and LF line endings: the same nodes always give the same bytes.</summary>
public static class YamlEmitter
{
    /// <param name="header">Comment lines written first, each prefixed with <c># </c>, then a blank line.</param>
    public static string Emit(YamlMapping document, IReadOnlyList<string>? header = null)
    {
        var output = new StringBuilder();
        foreach (var line in header ?? []) output.Append(Comment(line)).Append('\n');
        if (header is { Count: > 0 }) output.Append('\n');
        WriteMapping(output, document, 0, firstLineWritten: false);
        return output.ToString();
    }

    private static void WriteMapping(StringBuilder output, YamlMapping mapping, int indent, bool firstLineWritten)
    {
        var pad = new string(' ', indent);
        var first = true;
        foreach (var entry in mapping.Entries)
        {
            var continuesLine = first && firstLineWritten;
            if (entry.BlankLineBefore && output.Length > 0 && !continuesLine && !EndsWithBlankLine(output)) output.Append('\n');
            foreach (var comment in entry.Comments)
            {
                if (continuesLine) throw new InvalidOperationException("A comment cannot open a mapping inside a list item.");
                output.Append(pad).Append(Comment(comment)).Append('\n');
            }
            if (!continuesLine) output.Append(pad);
            output.Append(YamlScalarStyle.FormatKey(entry.Key)).Append(':');
            WriteValue(output, entry.Value, indent);
            first = false;
        }
    }

    /// <summary>Writes what follows <c>key:</c>: a scalar or flow list on the same line, a block on the next lines.</summary>
    private static void WriteValue(StringBuilder output, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar { IsLiteral: false } scalar when scalar.Value.Contains('\n'):
                WriteBlock(output, scalar.Value, indent + 2);
                break;
            case YamlScalar scalar:
                output.Append(' ').Append(Scalar(scalar)).Append('\n');
                break;
            case YamlSequence sequence when sequence.Items.Count == 0:
                output.Append(" []\n");
                break;
            case YamlSequence { Flow: true } sequence:
                output.Append(" [").Append(string.Join(", ", sequence.Items.Select(FlowItem))).Append("]\n");
                break;
            case YamlSequence sequence:
                output.Append('\n');
                WriteSequence(output, sequence, indent + 2);
                break;
            case YamlMapping mapping when mapping.IsEmpty:
                output.Append(" {}\n");
                break;
            case YamlMapping mapping:
                output.Append('\n');
                WriteMapping(output, mapping, indent + 2, firstLineWritten: false);
                break;
        }
    }

    private static void WriteSequence(StringBuilder output, YamlSequence sequence, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var item in sequence.Items)
        {
            output.Append(pad).Append('-');
            switch (item)
            {
                case YamlScalar scalar:
                    output.Append(' ').Append(Scalar(scalar)).Append('\n');
                    break;
                case YamlMapping mapping when !mapping.IsEmpty:
                    output.Append(' ');
                    WriteMapping(output, mapping, indent + 2, firstLineWritten: true);
                    break;
                default:
                    WriteValue(output, item, indent);
                    break;
            }
        }
    }

    /// <summary>A multi-line value as a literal block (<c>|</c>, or <c>|-</c> without a final line break).</summary>
    private static void WriteBlock(StringBuilder output, string value, int indent)
    {
        var lines = value.EndsWith('\n') ? value[..^1].Split('\n') : value.Split('\n');
        // YAML takes the block's indentation from its first line: only that one may not start with white space
        if (lines.FirstOrDefault(l => l.Length > 0) is { } first && char.IsWhiteSpace(first[0]) ||
            lines.Any(l => l.Contains('\r') || l.Length > 0 && l.Trim().Length == 0))
            throw new ArgumentException("Block values start with a line without leading white space, and hold no " +
                                        "carriage return or line of white space only.", nameof(value));
        output.Append(value.EndsWith('\n') ? " |\n" : " |-\n");
        foreach (var line in lines) output.Append(line.Length == 0 ? "" : new string(' ', indent) + line).Append('\n');
    }

    private static string Scalar(YamlScalar scalar) => scalar.IsLiteral ? scalar.Value : YamlScalarStyle.Format(scalar.Value);

    private static string FlowItem(YamlNode node) => node is YamlScalar scalar
        ? scalar.IsLiteral ? scalar.Value : YamlScalarStyle.Format(scalar.Value, inFlow: true)
        : throw new InvalidOperationException("Flow lists hold scalars only.");

    private static bool EndsWithBlankLine(StringBuilder output) => output.Length >= 2 && output[^1] == '\n' && output[^2] == '\n';

    private static string Comment(string text) => text.Length == 0 ? "#" : "# " + text;
}
