using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Delivery.Containers;

/// <summary>
/// .dockerignore rules as Docker applies them: patterns in order, the last match wins, <c>!</c> re-includes,
/// <c>**</c> spans directories, and a pattern that matches a directory excludes what is under it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules = [];

    public DockerIgnore(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var exclude = !line.StartsWith('!');
            var pattern = Normalize(exclude ? line : line[1..].Trim());
            if (pattern.Length == 0) continue;
            _rules.Add((ToRegex(pattern), exclude));
        }
    }

    public static DockerIgnore ForContext(string context)
    {
        var file = Path.Combine(context, ".dockerignore");
        return new DockerIgnore(File.Exists(file) ? File.ReadAllLines(file) : []);
    }

    /// <summary>Whether a context-relative path (with / separators) is left out of the build context.</summary>
    public bool IsExcluded(string relativePath)
    {
        var path = Normalize(relativePath);
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
            if (MatchesOrParentMatches(pattern, path))
                excluded = exclude;
        return excluded;
    }

    private static bool MatchesOrParentMatches(Regex pattern, string path)
    {
        if (pattern.IsMatch(path)) return true;
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            if (pattern.IsMatch(path[..slash])) return true;
        return false;
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            else if (part != "..") parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/') { i++; regex.Append("(?:.*/)?"); }
                else regex.Append(".*");
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else if (c == '[')
            {
                var end = pattern.IndexOf(']', i + 1);
                if (end < 0) { regex.Append("\\["); continue; }
                var set = pattern[(i + 1)..end];
                // Go's filepath.Match negates a class with ^ only; [!…] is a literal '!' there, unlike in .gitignore
                regex.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = end;
            }
            else if (c == '\\' && i + 1 < pattern.Length) regex.Append(Regex.Escape(pattern[++i].ToString()));
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
