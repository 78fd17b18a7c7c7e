namespace Slipway.Delivery.Environments;

/// <summary>
/// The branch or tag a CI run builds, from its variables (GitLab: CI_COMMIT_TAG, CI_COMMIT_BRANCH, a merge request's
/// source branch; GitHub: GITHUB_HEAD_REF for pull requests, else GITHUB_REF). CI checkouts are detached: git cannot tell.
/// </summary>
public sealed record CiRef(string? Branch, string? Tag)
{
    public static CiRef From(IReadOnlyDictionary<string, string> variables)
    {
        string? Value(string name) => variables.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        string? GitHubRef(string prefix) =>
            Value("GITHUB_REF") is { } reference && reference.StartsWith(prefix, StringComparison.Ordinal)
                ? reference[prefix.Length..]
                : null;
        var tag = Value("CI_COMMIT_TAG") ?? GitHubRef("refs/tags/");
        var branch = Value("CI_COMMIT_BRANCH") ?? Value("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")
                     ?? (tag == null ? Value("CI_COMMIT_REF_NAME") : null)
                     ?? Value("GITHUB_HEAD_REF") ?? GitHubRef("refs/heads/");
        return new CiRef(branch, tag);
    }
}
