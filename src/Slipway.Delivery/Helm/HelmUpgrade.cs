namespace Slipway.Delivery.Helm;

/// <summary>The settings of one <c>helm upgrade --install</c>: values files in layer order, --set overrides, waiting.</summary>
public sealed record HelmUpgrade
{
    public required string Release { get; init; }
    public required string Chart { get; init; }
    /// <summary>Arguments of the chart, e.g. <c>--version 1.2.3 --plain-http</c> for an OCI chart.</summary>
    public IReadOnlyList<string> ChartFlags { get; init; } = [];
    public required string Namespace { get; init; }
    /// <summary>Later files override earlier ones, as helm merges them.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];
    /// <summary>--set key=value pairs (image tags, global.registry), applied after the files.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; init; } = [];
    public bool Wait { get; init; } = true;
    public bool WaitForJobs { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>An executable that rewrites the rendered manifests (e.g. to relocate third-party images).</summary>
    public string? PostRenderer { get; init; }
    public IReadOnlyList<string> PostRendererArgs { get; init; } = [];
    public bool CreateNamespace { get; init; }
    public string? Description { get; init; }
    /// <summary>Only renders what the upgrade would apply (--dry-run, release as JSON): nothing is applied.</summary>
    public bool DryRun { get; init; }
}
