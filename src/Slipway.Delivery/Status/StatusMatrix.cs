namespace Slipway.Delivery.Status;

/// <summary>
/// The rows of the status: each release, then each workload any environment's revision of it applied, in the order
/// first seen; the columns are the environments. Shared by the console, Markdown and HTML forms.
/// </summary>
public sealed record StatusMatrix(IReadOnlyList<EnvironmentStatus> Environments, IReadOnlyList<StatusRow> Rows)
{
    public static StatusMatrix Of(IReadOnlyList<EnvironmentStatus> environments, IReadOnlyList<string> releases)
    {
        var rows = new List<StatusRow>();
        foreach (var release in releases)
        {
            rows.Add(new StatusRow(release, null));
            var workloads = environments.SelectMany(e => e.Releases).Where(r => r.Name == release)
                .SelectMany(r => r.Workloads).Select(w => w.Name).Distinct(StringComparer.Ordinal);
            rows.AddRange(workloads.Select(w => new StatusRow(release, w)));
        }
        return new StatusMatrix(environments, rows);
    }

    public ReleaseStatus? Release(EnvironmentStatus environment, StatusRow row) =>
        environment.Releases.FirstOrDefault(r => r.Name == row.Release);

    public WorkloadStatus? Workload(EnvironmentStatus environment, StatusRow row) =>
        Release(environment, row)?.Workloads.FirstOrDefault(w => w.Name == row.Workload);

    /// <summary>A cell's short text: its state, then what runs or what was deployed.</summary>
    public string Summary(EnvironmentStatus environment, StatusRow row)
    {
        if (!environment.IsReadable) return environment.State;
        var release = Release(environment, row);
        if (release is not { IsDeployed: true }) return row.Workload == null ? "not deployed" : "";
        if (row.Workload == null)
            return $"rev {release.Revision} {release.HelmStatus} · {release.Chart}" +
                   (release.Commit != null ? $" · {release.Commit[..Math.Min(8, release.Commit.Length)]}" : "") +
                   (release.Drift.Count > 0 ? " · DRIFT" : "");
        var workload = Workload(environment, row);
        if (workload == null) return "";
        if (workload.Missing) return "MISSING · DRIFT";
        var image = workload.Images.FirstOrDefault();
        var tag = image?.Tag is { } named ? (named.Length > 20 ? named[..20] + "…" : named) + " " : "@";
        return $"{tag}{Short(image?.Digest)} · {workload.Ready}/{workload.Desired}" +
               (workload.Drift.Count > 0 ? " · DRIFT" : "");
    }

    /// <summary>sha256: and the first 12 hex digits, as docker shows image IDs.</summary>
    public static string Short(string? digest) => digest is { Length: > 19 } ? digest[..19] : digest ?? "";
}

/// <summary>A release row (<see cref="Workload"/> null) or one of its workloads.</summary>
public sealed record StatusRow(string Release, string? Workload)
{
    public string Label => Workload ?? Release;
    public string Anchor(EnvironmentStatus environment) =>
        string.Concat($"{environment.Name}-{environment.Namespace}-{Release}-{Workload}"
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));
}
