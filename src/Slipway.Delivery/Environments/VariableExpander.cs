using System.Text;

namespace Slipway.Delivery.Environments;

/// <summary>
/// Expands <c>${NAME}</c> and <c>${NAME:-fallback}</c> (fallbacks may nest) from a set of variables, so settings can name
/// CI variables instead of holding values: <c>${TARGET_REPO:-${SLIPWAY_TARGET_REGISTRY}}</c>.
/// </summary>
public static class VariableExpander
{
    public static string Expand(string text, Func<string, string?> lookup)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = MatchingBrace(text, i + 1);
                var body = text[(i + 2)..end];
                var separator = body.IndexOf(":-", StringComparison.Ordinal);
                var name = separator < 0 ? body : body[..separator];
                var value = lookup(name);
                result.Append(!string.IsNullOrEmpty(value) ? value : separator < 0 ? "" : Expand(body[(separator + 2)..], lookup));
                i = end + 1;
            }
            else result.Append(text[i++]);
        }
        return result.ToString();
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return i;
        }
        throw new FormatException($"Unclosed ${{ in '{text}'.");
    }
}
