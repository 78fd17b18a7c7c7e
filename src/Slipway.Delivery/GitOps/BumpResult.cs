namespace Slipway.Delivery.GitOps;

/// <summary>How a bump ended: the pushed commit and its message, or no commit because every tag was already there.</summary>
public sealed record BumpResult(string Repository, string Branch, string? Commit, string? Message, IReadOnlyList<TagEdit> Edits, int Attempts)
{
    public bool Changed => Commit != null;

    public override string ToString() => Commit is { } commit
        ? $"Pushed {commit[..Math.Min(12, commit.Length)]} to {Repository} (branch {Branch}): {Message?.Split('\n')[0]}" + (Attempts > 1 ? $" after {Attempts} attempts" : "")
        : $"{Repository} (branch {Branch}) already has every tag: nothing to commit";
}
