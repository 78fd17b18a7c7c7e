using Slipway.Delivery.Ci.Planning;

namespace Slipway.Delivery.Ci.GitHub;

/// <summary>
/// GitHub expressions for the refs of an environment. Expressions have no regex: a glob is an exact name or a prefix
/// ending in <c>*</c> (which, unlike in a branch filter, also matches deeper names such as <c>feature/a/b</c>).
/// </summary>
public static class GitHubConditions
{
    /// <summary>The pushed ref selects this environment; the fallback takes every branch no other environment claims.</summary>
    public static string Selects(CiEnvironment environment, IReadOnlyList<CiEnvironment> all)
    {
        if (!environment.IsFallback) return BranchOrTag(environment);
        var claimed = all.Where(e => !e.IsFallback && e.Branches.Count > 0).Select(BranchOrTag).ToList();
        const string anyBranch = "startsWith(github.ref, 'refs/heads/')";
        return claimed.Count == 0 ? anyBranch : $"{anyBranch} && !({string.Join(" || ", claimed)})";
    }

    /// <summary>A deleted branch (the <c>delete</c> event's <c>github.event.ref</c>, a bare name) belongs to this environment.</summary>
    public static string DeletedBranchOf(CiEnvironment environment) =>
        $"github.event.ref_type == 'branch' && ({string.Join(" || ", environment.Branches.Select(b => Match("github.event.ref", "", b)))})";

    /// <summary>The job runs in the pipelines of these environments.</summary>
    public static string RunsFor(IReadOnlyList<CiEnvironment> environments, IReadOnlyList<CiEnvironment> all) =>
        environments.Count == 1 ? Selects(environments[0], all) : string.Join(" || ", environments.Select(e => $"({Selects(e, all)})"));

    /// <summary>An expression giving the environment's name for the pushed ref (tag environments first, the fallback last).</summary>
    public static string EnvironmentName(IReadOnlyList<CiEnvironment> all)
    {
        var ordered = all.Where(e => !e.IsFallback).OrderBy(e => e.TagPatterns.Count > 0 ? 0 : 1).ToList();
        var fallback = all.FirstOrDefault(e => e.IsFallback);
        var choices = ordered.Select(e => $"({BranchOrTag(e)}) && {Literal(e.Name)}");
        var last = fallback != null ? $"startsWith(github.ref, 'refs/heads/') && {Literal(fallback.Name)} || ''" : "''";
        return string.Join(" || ", choices.Append(last));
    }

    private static string BranchOrTag(CiEnvironment environment) => string.Join(" || ",
        environment.TagPatterns.Select(p => Match("github.ref", "refs/tags/", p)).Concat(environment.Branches.Select(p => Match("github.ref", "refs/heads/", p))));

    private static string Match(string reference, string prefix, string glob)
    {
        var wildcard = glob.IndexOfAny(['*', '?']);
        if (wildcard < 0) return $"{reference} == {Literal(prefix + glob)}";
        if (wildcard == glob.TrimEnd('*').Length && glob.IndexOf('?') < 0)
            return $"startsWith({reference}, {Literal(prefix + glob.TrimEnd('*'))})";
        throw new ArgumentException($"GitHub expressions cannot match '{glob}': use exact names or a prefix ending in *.", nameof(glob));
    }

    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";
}
