using Slipway.Engine;

namespace Slipway.Delivery.Values;

/// <summary>A values file could not be read or the edit was refused; the message names the file, line and column.</summary>
public sealed class ValuesEditException : TargetFailedException
{
    public ValuesEditException(string reason, string? fileName, int? line = null, int? column = null, Exception? inner = null)
        : base(Format(reason, fileName, line, column), inner)
    {
        Reason = reason;
        FileName = fileName;
        Line = line;
        Column = column;
    }

    /// <summary>What was wrong, without the location.</summary>
    public string Reason { get; }
    public string? FileName { get; }
    /// <summary>1-based line of the offending text, when there is one.</summary>
    public int? Line { get; }
    /// <summary>1-based column of the offending text, when there is one.</summary>
    public int? Column { get; }

    private static string Format(string reason, string? fileName, int? line, int? column)
    {
        var where = fileName ?? "YAML text";
        if (line is { } l) where += column is { } c ? $", line {l}, column {c}" : $", line {l}";
        return $"{where}: {reason}";
    }
}
