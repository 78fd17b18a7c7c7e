using System.Text;
using Slipway.Delivery.Ci.Planning;

namespace Slipway.Delivery.Ci.GitLab;

/// <summary>GitLab <c>rules:if</c> expressions for the refs of an environment; globs become anchored regexes with the same meaning as <see cref="Environments.Glob"/>.</summary>
public static class GitLabConditions
{
    public const string EnvironmentVariable = "SLIPWAY_ENV";

    /// <summary>The pipeline's ref selects this environment (not used for the fallback, which takes every other branch).</summary>
    public static string Selects(CiEnvironment environment) => string.Join(" || ",
        environment.TagPatterns.Select(p => Match("$CI_COMMIT_TAG", p))
            .Concat(environment.Branches.Select(p => Match("$CI_COMMIT_BRANCH", p))));

    /// <summary>The pipeline was made for one of these environments (the workflow rules set SLIPWAY_ENV).</summary>
    public static string RunsFor(IEnumerable<CiEnvironment> environments) =>
        string.Join(" || ", environments.Select(e => $"${EnvironmentVariable} == \"{e.Name}\""));

    private static string Match(string variable, string glob)
    {
        if (glob.Contains('"')) throw new ArgumentException($"Branch and tag patterns cannot hold '\"': {glob}", nameof(glob));
        return glob.IndexOfAny(['*', '?']) < 0 ? $"{variable} == \"{glob}\"" : $"{variable} =~ /{Regex(glob)}/";
    }

    /// <summary><c>*</c> matches within a path segment, <c>**</c> across segments, <c>?</c> one character.</summary>
    public static string Regex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*') { regex.Append(".*"); i++; }
            else if (c == '*') regex.Append(@"[^\/]*");
            else if (c == '?') regex.Append('.');
            else if (c == '/') regex.Append(@"\/");
            else if (@".+()[]{}^$|\".Contains(c)) regex.Append('\\').Append(c);
            else regex.Append(c);
        }
        return regex.Append('$').ToString();
    }
}
