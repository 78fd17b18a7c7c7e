namespace Slipway.Delivery.GitOps;

/// <summary>
/// The commit message of a bump: a subject naming each component with its old → new tag and the environment, e.g.
/// <c>Bump orders-api 1a2b3c4d → 5e6f7a8b for recette [skip ci]</c>, and a body line per file.
/// </summary>
public static class BumpMessage
{
    /// <summary>Recognised by GitLab CI and GitHub Actions: the pushed commit starts no pipeline.</summary>
    public const string SkipCi = "[skip ci]";

    public static string For(IReadOnlyList<TagEdit> changed, string? environment, bool skipCi)
    {
        if (changed.Count == 0) throw new ArgumentException("A bump message needs at least one changed tag.", nameof(changed));
        var subject = "Bump " + string.Join(", ", changed.Select(e => $"{e.Bump.Component} {e.OldTag ?? "(none)"} → {e.Bump.Tag}"))
                      + (environment != null ? $" for {environment}" : "")
                      + (skipCi ? " " + SkipCi : "");
        var body = changed.Select(e =>
            $"{e.Bump.ValuesFile}: {e.Bump.Component} {e.OldTag ?? "(none)"} → {e.NewImage} ({e.How})");
        return subject + "\n\n" + string.Join("\n", body) + "\n";
    }

    /// <summary>
    /// What is said of a tag already in place, e.g. <c>orders-api is already at t1 in deploy/values/components/orders-api.yaml: nothing to commit</c>
    /// (or <c>: left as it is</c> when other tags of the run changed).
    /// </summary>
    public static string AlreadyThere(TagEdit edit, bool nothingToCommit) => $"{edit}: {(nothingToCommit ? "nothing to commit" : "left as it is")}";
}
