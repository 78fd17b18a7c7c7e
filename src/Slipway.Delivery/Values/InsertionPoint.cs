namespace Slipway.Delivery.Values;

/// <summary>
/// Where new block lines go: after the line break at <see cref="Position"/>, indented by <see cref="Indent"/> spaces;
/// or, <see cref="InFlow"/>, where a new <c>key: value</c> goes inside a one-line flow mapping, after
/// <see cref="Separator"/> (<c>", "</c> when the mapping has entries).
/// </summary>
internal sealed record InsertionPoint(int Position, int Indent, bool AtEndOfText = false, bool InFlow = false,
    string Separator = "")
{
    /// <summary>The text with the flow entry <paramref name="entry"/> inserted.</summary>
    public string InsertFlow(string text, string entry) => text.Insert(Position, Separator + entry);

    /// <summary>The text with <paramref name="lines"/> (indented relative to <see cref="Indent"/>) inserted.</summary>
    public string Insert(string text, IEnumerable<string> lines, string newLine)
    {
        var indent = new string(' ', Indent);
        var block = string.Join(newLine, lines.Select(line => indent + line));
        if (!AtEndOfText) return text.Insert(Position, newLine + block);
        var separator = text.Length == 0 || text.EndsWith('\n') || text.EndsWith('\r') || text == "\uFEFF" ? "" : newLine;
        return text + separator + block + newLine;
    }
}
