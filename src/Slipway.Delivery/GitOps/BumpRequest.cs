using Slipway.Delivery.Git;

namespace Slipway.Delivery.GitOps;

/// <summary>Tags to write to the head of <see cref="Branch"/> of <see cref="Repository"/> (a URL or a path), as one commit.</summary>
public sealed record BumpRequest(string Repository, string Branch, IReadOnlyList<TagBump> Bumps)
{
    /// <summary>Named in the commit message; none when the run has no environment.</summary>
    public string? Environment { get; init; }
    /// <summary>Adds <c>[skip ci]</c> to the message, for a push to the repository whose pipeline runs the bump.</summary>
    public bool SkipCi { get; init; }
    /// <summary>A token for HTTPS remotes; credentials written in <see cref="Repository"/> are used when this is null.</summary>
    public GitCredentials? Credentials { get; init; }
    public GitIdentity Author { get; init; } = GitIdentity.Slipway;
    /// <summary>How many times to push before giving up while others keep moving the branch.</summary>
    public int MaxAttempts { get; init; } = 10;
    /// <summary>The longest wait after the first rejection (a random part of it is waited); it doubles each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
}
