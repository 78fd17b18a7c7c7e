namespace Slipway.Engine;

public enum TargetStatus
{
    /// <summary>Scheduled but never started (a dependency failed, or the build stopped first).</summary>
    NotRun,
    Succeeded,
    Failed,
    /// <summary>Not executed on purpose: --skip, or a condition was false.</summary>
    Skipped,
    /// <summary>Started, then stopped because another target failed or the user interrupted.</summary>
    Cancelled,
}
