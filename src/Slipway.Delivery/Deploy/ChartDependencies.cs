using Slipway.Delivery.Helm;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// <c>helm dependency build</c> does not recurse: local (<c>file://</c>) dependencies are built first, deepest first.
/// Also yields the chart's own source files (with those of its local dependencies) for a content digest.
/// </summary>
public static class ChartDependencies
{
    public static async Task BuildAsync(HelmClient helm, string chart, CancellationToken ct, HashSet<string>? done = null)
    {
        done ??= new HashSet<string>(StringComparer.Ordinal);
        var full = Path.GetFullPath(chart);
        if (!done.Add(full)) return;
        var local = LocalDependencies(full);
        foreach (var dependency in local) await BuildAsync(helm, dependency, ct, done);
        if (HasDependencies(full) && !IsUpToDate(full)) await helm.DependencyBuildAsync(full, ct);
    }

    /// <summary>Every dependency is local and its packaged copy is newer than its sources and than this Chart.yaml.</summary>
    private static bool IsUpToDate(string chart)
    {
        var dependencies = Dependencies(chart).ToList();
        if (dependencies.Any(r => !r.StartsWith("file://", StringComparison.Ordinal))) return false;
        var packaged = Path.Combine(chart, "charts");
        var archives = Directory.Exists(packaged) ? Directory.GetFiles(packaged, "*.tgz") : [];
        if (archives.Length < dependencies.Count) return false;
        var oldestArchive = archives.Min(File.GetLastWriteTimeUtc);
        var sources = LocalDependencies(chart).SelectMany(SourceFiles).Append(Path.Combine(chart, "Chart.yaml"));
        return sources.All(f => File.GetLastWriteTimeUtc(f) <= oldestArchive);
    }

    /// <summary>The chart's files and its local dependencies' files, excluding packaged dependencies and lock files.</summary>
    public static IReadOnlyList<string> SourceFiles(string chart)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        void Collect(string directory)
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
                // packaged dependencies are rebuilt (new bytes) by every helm dependency build: their sources count instead
                if (relative.EndsWith(".tgz", StringComparison.Ordinal) && (relative.StartsWith("charts/", StringComparison.Ordinal) || relative.Contains("/charts/"))) continue;
                if (relative == "Chart.lock" || relative.EndsWith("/Chart.lock", StringComparison.Ordinal)) continue;
                files.Add(file);
            }
            foreach (var dependency in LocalDependencies(directory)) Collect(dependency);
        }
        Collect(Path.GetFullPath(chart));
        return files.ToList();
    }

    private static bool HasDependencies(string chart) => Dependencies(chart).Any();

    private static IEnumerable<string> LocalDependencies(string chart) =>
        Dependencies(chart)
            .Where(r => r.StartsWith("file://", StringComparison.Ordinal))
            .Select(r => Path.GetFullPath(Path.Combine(chart, r["file://".Length..])));

    private static IEnumerable<string> Dependencies(string chart)
    {
        var file = Path.Combine(chart, "Chart.yaml");
        if (!File.Exists(file)) throw new HelmException($"{chart} is not a chart: it has no Chart.yaml.");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        if (yaml.Documents[0].RootNode is not YamlMappingNode root || !root.Children.TryGetValue("dependencies", out var list) || list is not YamlSequenceNode sequence)
            return [];
        return sequence.OfType<YamlMappingNode>()
            .Select(d => d.Children.TryGetValue("repository", out var repository) ? ((YamlScalarNode)repository).Value ?? "" : "")
            .ToList();
    }
}
