using Slipway.Delivery.Helm;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Deploy;

/// <summary>One entry of a Chart.yaml's <c>dependencies</c>: the chart's name, its origin, its version.</summary>
public sealed record ChartDependency(string Name, string Repository, string Version = "")
{
    /// <summary>A chart of this repository (<c>file://</c>), packed by the build, or else a repository's.</summary>
    public bool IsLocal => Repository.StartsWith("file://", StringComparison.Ordinal);

    /// <summary>The full path of a local dependency's chart directory.</summary>
    public string DirectoryFrom(string chart) => Path.GetFullPath(Path.Combine(chart, Repository["file://".Length..]));

    /// <summary>The dependencies a chart directory's Chart.yaml declares.</summary>
    public static IReadOnlyList<ChartDependency> Of(string chart)
    {
        var file = Path.Combine(chart, "Chart.yaml");
        if (!File.Exists(file)) throw new HelmException($"{chart} is not a chart: it has no Chart.yaml.");
        using var reader = new StreamReader(file);
        if (ChartYaml.Load(reader) is not { } root || !root.Children.TryGetValue("dependencies", out var list)
            || list is not YamlSequenceNode sequence)
            return [];
        return sequence.OfType<YamlMappingNode>()
            .Select(d => new ChartDependency(ChartYaml.Scalar(d, "name") ?? "",
                ChartYaml.Scalar(d, "repository") ?? "", ChartYaml.Scalar(d, "version") ?? ""))
            .ToList();
    }
}
