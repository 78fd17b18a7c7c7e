namespace Slipway.Engine;

/// <summary>"Did you mean" for mistyped target and option names.</summary>
public static class Suggestions
{
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        var normalized = ParameterNames.Normalize(typed);
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(normalized, ParameterNames.Normalize(c))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Candidate == null) return null;
        var tolerance = Math.Max(2, normalized.Length / 3);
        var prefix = ParameterNames.Normalize(best.Candidate).StartsWith(normalized, StringComparison.Ordinal) && normalized.Length >= 3;
        return best.Distance <= tolerance || prefix ? best.Candidate : null;
    }

    public static string DidYouMean(string typed, IEnumerable<string> candidates, Func<string, string>? format = null) =>
        Closest(typed, candidates) is { } match ? $" Did you mean '{(format ?? (s => s))(match)}'?" : "";

    /// <summary>Levenshtein distance.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
