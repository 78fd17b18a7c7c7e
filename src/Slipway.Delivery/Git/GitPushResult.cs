namespace Slipway.Delivery.Git;

/// <summary>How a push ended: accepted, or rejected because the branch moved (fetch, re-apply and try again).</summary>
public sealed record GitPushResult(bool Pushed, string? Rejection)
{
    public static GitPushResult Accepted { get; } = new(true, null);

    public static GitPushResult RejectedBecause(string reason) => new(false, reason);
}
