namespace Slipway.Delivery.Git;

/// <summary>Exponential backoff with jitter, so writers that collided do not collide again in step.</summary>
internal static class RetryDelay
{
    /// <summary>The wait after the <paramref name="attempt"/>-th (1-based) rejection: anywhere up to the doubled delay ("full jitter").</summary>
    public static TimeSpan After(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(exponential, maxDelay.TotalMilliseconds));
    }
}
