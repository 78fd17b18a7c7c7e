namespace Slipway.Delivery.Values;

/// <summary>
/// Matches the brackets of a flow collection in the text, skipping quoted scalars and nested collections.
/// </summary>
internal static class FlowBrackets
{
    /// <summary>
    /// The index of the <c>}</c> or <c>]</c> closing the collection opened at <paramref name="open"/>; -1 if none.
    /// </summary>
    public static int Closing(string text, int open)
    {
        var depth = 0;
        var previous = ' ';
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0) return i;
                    break;
                // a quote opens a quoted scalar only where a scalar starts (don't in {a: don't} is plain)
                case '\'' or '"' when previous is '{' or '[' or ',' or ':' or '?':
                    i = QuoteEnd(text, i, c);
                    break;
            }
            if (i < 0) return -1;
            if (!char.IsWhiteSpace(text[i])) previous = text[i];
        }
        return -1;
    }

    /// <summary>
    /// The closing quote's index: <c>''</c> escapes a single quote, <c>\</c> escapes in double quotes.
    /// </summary>
    private static int QuoteEnd(string text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\') i++;
            else if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'') i++;
                else return i;
            }
        }
        return -1;
    }
}
