namespace Slipway.Delivery.Git;

/// <summary>The outcome of a write: the pushed commit, or no commit because the branch already had the content.</summary>
public sealed record GitOpsResult(string Repository, string Branch, string? Commit, IReadOnlyList<string> ChangedFiles, int Attempts)
{
    public bool Changed => Commit != null;

    public override string ToString() => Commit is { } commit
        ? $"{Repository} ({Branch}): pushed {commit[..Math.Min(12, commit.Length)]} changing {string.Join(", ", ChangedFiles)}" +
          (Attempts > 1 ? $" after {Attempts} attempts" : "")
        : $"{Repository} ({Branch}): already up to date, nothing to commit";
}
