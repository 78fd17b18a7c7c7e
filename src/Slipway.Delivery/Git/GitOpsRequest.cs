namespace Slipway.Delivery.Git;

/// <summary>
/// What to write where: edits to apply to the head of <see cref="Branch"/> of <see cref="Repository"/>, as one commit.
/// <see cref="Message"/> writes the commit message from the paths an attempt changed; it runs after the edits of each
/// attempt (again after a rejected push), so it can describe what the edits found on the head they were applied to.
/// </summary>
public sealed record GitOpsRequest(
    string Repository, string Branch, IReadOnlyList<FileEdit> Edits, Func<IReadOnlyList<string>, string> Message)
{
    /// <summary>A request whose commit message is the same whatever the edits found.</summary>
    public GitOpsRequest(string repository, string branch, IReadOnlyList<FileEdit> edits, string message)
        : this(repository, branch, edits, _ => message)
    {
    }

    public GitIdentity Author { get; init; } = GitIdentity.Slipway;
    /// <summary>Defaults to the author.</summary>
    public GitIdentity? Committer { get; init; }
    /// <summary>A token for HTTPS remotes; credentials written in <see cref="Repository"/> are used when this is null.</summary>
    public GitCredentials? Credentials { get; init; }
    /// <summary>How many times to push before giving up while others keep moving the branch.</summary>
    public int MaxAttempts { get; init; } = 10;
    /// <summary>
    /// The longest wait after the first rejection (a random part of it is waited); it doubles each time up to
    /// <see cref="MaxDelay"/>.
    /// </summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
}
