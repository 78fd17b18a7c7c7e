namespace Slipway.Delivery.Deploy;

/// <summary>What happened to one release in a deploy, for the report.</summary>
public sealed record ReleaseOutcome
{
    public required string Release { get; init; }
    public required string Namespace { get; init; }
    public string Chart { get; init; } = "";
    public int? RevisionBefore { get; init; }
    public int? RevisionAfter { get; init; }
    /// <summary>unchanged, repaired (drift), drifted (not repaired), installed, upgraded or failed.</summary>
    public required string Result { get; init; }
    /// <summary>The repair done before the upgrade, if any.</summary>
    public string? Recovery { get; init; }
    /// <summary>How the live objects differed from the release (repaired unless the result is "drifted").</summary>
    public IReadOnlyList<string> Drift { get; init; } = [];
    public IReadOnlyList<DeployedImage> Images { get; init; } = [];
    public TimeSpan Duration { get; init; }
    public string? Error { get; init; }
}

public sealed record DeployedImage(string Reference, string? Digest);
