using System.Text;

namespace Slipway.Delivery.Values;

/// <summary>Reads and writes the textual form of a <see cref="KeyPath"/>.</summary>
internal static class KeyPathSyntax
{
    public static IReadOnlyList<PathSegment> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = new List<PathSegment>();
        var position = 0;
        var expectKey = true;
        while (position < path.Length)
        {
            var c = path[position];
            if (c == '[')
            {
                segments.Add(ReadBracket(path, ref position));
                expectKey = false;
            }
            else if (c == '.' && !expectKey)
            {
                position++;
                expectKey = true;
                if (position == path.Length) throw Error(path, position, "a key is missing after '.'");
            }
            else if (expectKey)
            {
                segments.Add(PathSegment.ForKey(c is '"' or '\'' ? ReadQuoted(path, ref position) : ReadBare(path, ref position)));
                expectKey = false;
            }
            else throw Error(path, position, $"expected '.' or '[' but found '{c}'");
        }
        if (segments.Count == 0) throw Error(path, 0, "the path is empty");
        return segments;
    }

    /// <summary>A key as a path segment: bare when it has no path syntax in it, otherwise double-quoted.</summary>
    public static string FormatKey(string key) =>
        key.Length > 0 && key.All(c => c is not ('.' or '[' or ']' or '"' or '\'') && !char.IsWhiteSpace(c) && !char.IsControl(c))
            ? key
            : "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string ReadBare(string path, ref int position)
    {
        var start = position;
        while (position < path.Length && path[position] is not ('.' or '['))
        {
            if (path[position] is '"' or '\'' or ']')
                throw Error(path, position, $"'{path[position]}' inside a bare key; quote the whole key instead, as in \"a.b\" or ['a.b']");
            position++;
        }
        var key = path[start..position];
        if (key.Length == 0) throw Error(path, start, "a key is empty");
        return key;
    }

    private static PathSegment ReadBracket(string path, ref int position)
    {
        var open = position++;
        if (position < path.Length && path[position] is '"' or '\'')
        {
            var key = ReadQuoted(path, ref position);
            Expect(path, ref position, ']', open);
            return PathSegment.ForKey(key);
        }
        var start = position;
        while (position < path.Length && char.IsAsciiDigit(path[position])) position++;
        if (position == start || !int.TryParse(path.AsSpan(start, position - start), out var index))
            throw Error(path, start, "expected a sequence index or a quoted key inside [ ]");
        Expect(path, ref position, ']', open);
        return PathSegment.ForIndex(index);
    }

    private static string ReadQuoted(string path, ref int position)
    {
        var quote = path[position];
        var open = position++;
        var key = new StringBuilder();
        while (position < path.Length)
        {
            var c = path[position++];
            if (quote == '\'' && c == '\'' && position < path.Length && path[position] == '\'') { key.Append('\''); position++; }
            else if (c == quote) return key.ToString();
            else if (quote == '"' && c == '\\' && position < path.Length) key.Append(path[position++]);
            else key.Append(c);
        }
        throw Error(path, open, $"the quote {quote} is not closed");
    }

    private static void Expect(string path, ref int position, char expected, int open)
    {
        if (position >= path.Length || path[position] != expected)
            throw Error(path, open, $"the '[' at this position is not closed by '{expected}'");
        position++;
    }

    private static FormatException Error(string path, int position, string reason) =>
        new($"Invalid key path '{path}' at character {position + 1}: {reason}.");
}
