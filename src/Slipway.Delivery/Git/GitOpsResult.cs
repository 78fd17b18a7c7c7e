namespace Slipway.Delivery.Git;

/// <summary>
/// The outcome of a write: the pushed commit and its message, or no commit because the branch already had the content.
/// <see cref="Attempts"/> counts the pushes tried (more than one when the branch moved under the first).
/// </summary>
public sealed record GitOpsResult(
    string Repository, string Branch, string? Commit, string? Message, IReadOnlyList<string> ChangedFiles, int Attempts)
{
    public bool Changed => Commit != null;

    public override string ToString() => Commit is { } commit
        ? $"{Repository} ({Branch}): pushed {commit[..Math.Min(12, commit.Length)]} changing {string.Join(", ", ChangedFiles)}" +
          (Attempts > 1 ? $" after {Attempts} attempts" : "")
        : $"{Repository} ({Branch}): already up to date, nothing to commit";
}
