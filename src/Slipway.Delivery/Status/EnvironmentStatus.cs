namespace Slipway.Delivery.Status;

/// <summary>What runs in one environment (one namespace of one cluster), or why it could not be read.</summary>
public sealed record EnvironmentStatus(string Name, string Namespace, string Cluster)
{
    /// <summary>ok, unreachable or not configured.</summary>
    public string State { get; init; } = "ok";
    /// <summary>Why the environment could not be read, or a remark (its namespace does not exist).</summary>
    public string? Message { get; init; }
    public IReadOnlyList<ReleaseStatus> Releases { get; init; } = [];

    public bool IsReadable => State == "ok";
    public bool HasDrift => Releases.Any(r => r.HasDrift);
}

/// <summary>One release as helm recorded it and as it runs; null revision when it is not deployed there.</summary>
public sealed record ReleaseStatus(string Name)
{
    public int? Revision { get; init; }
    public string? HelmStatus { get; init; }
    public string? Chart { get; init; }
    public string? AppVersion { get; init; }
    public DateTimeOffset? DeployedAt { get; init; }
    public string? Commit { get; init; }
    /// <summary>Differences of objects that are not workloads (Services, ConfigMaps, Secrets…).</summary>
    public IReadOnlyList<string> Drift { get; init; } = [];
    public IReadOnlyList<WorkloadStatus> Workloads { get; init; } = [];

    public bool IsDeployed => Revision != null;
    public bool HasDrift => Drift.Count > 0 || Workloads.Any(w => w.Drift.Count > 0);
    public bool IsHealthy => HelmStatus == "deployed" && Workloads.All(w => w.IsReady);
}

/// <summary>A Deployment, StatefulSet or DaemonSet the release applied: what it runs and whether it is ready.</summary>
public sealed record WorkloadStatus(string Kind, string Name)
{
    public bool Missing { get; init; }
    public int Ready { get; init; }
    public int Desired { get; init; }
    public IReadOnlyList<RunningImage> Images { get; init; } = [];
    public IReadOnlyList<string> Drift { get; init; } = [];

    public bool IsReady => !Missing && Ready >= Desired;
}

/// <summary>
/// An image a workload's pods run: the reference it names, its tag (null when it names a digest only) and the digest
/// its pods pulled.
/// </summary>
public sealed record RunningImage(string Reference, string? Tag, string? Digest);
