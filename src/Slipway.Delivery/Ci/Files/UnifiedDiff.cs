using System.Text;

namespace Slipway.Delivery.Ci.Files;

/// <summary>A unified diff of two texts by lines (longest common subsequence), with three lines of context.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string oldText, string newText, string oldName, string newName)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' ')) return "";
        var output = new StringBuilder().Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ') { i++; continue; }
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < edits.Count)
            {
                if (edits[end].Kind != ' ') { end++; continue; }
                var run = end;
                while (run < edits.Count && edits[run].Kind == ' ') run++;
                if (run == edits.Count || run - end > 2 * Context) { end = Math.Min(edits.Count, end + Context); break; }
                end = run;
            }
            var hunk = edits.GetRange(start, end - start);
            var oldStart = edits.Take(start).Count(e => e.Kind != '+') + 1;
            var newStart = edits.Take(start).Count(e => e.Kind != '-') + 1;
            output.Append($"@@ -{oldStart},{hunk.Count(e => e.Kind != '+')} +{newStart},{hunk.Count(e => e.Kind != '-')} @@\n");
            foreach (var edit in hunk) output.Append(edit.Kind).Append(edit.Line).Append('\n');
            i = end;
        }
        return output.ToString();
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    private static List<(char Kind, string Line)> Edits(string[] a, string[] b)
    {
        // Common prefix and suffix first: CI files usually differ in a few lines, so the table stays small.
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        var x = a[prefix..(a.Length - suffix)];
        var y = b[prefix..(b.Length - suffix)];

        var lcs = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
        for (var j = y.Length - 1; j >= 0; j--)
            lcs[i, j] = x[i] == y[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var edits = a[..prefix].Select(l => (' ', l)).ToList();
        int p = 0, q = 0;
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && x[p] == y[q]) { edits.Add((' ', x[p])); p++; q++; }
            else if (p < x.Length && (q == y.Length || lcs[p + 1, q] >= lcs[p, q + 1])) edits.Add(('-', x[p++]));
            else edits.Add(('+', y[q++]));
        }
        edits.AddRange(a[(a.Length - suffix)..].Select(l => (' ', l)));
        return edits;
    }
}
