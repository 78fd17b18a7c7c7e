using Slipway.Delivery.Values;
using Slipway.Engine;

namespace Slipway.Delivery.Charts;

/// <summary>
/// One source of truth for chart versions: the repository's VERSION file. Every Chart.yaml's <c>version</c> and
/// <c>appVersion</c> follow it (edited in place, nothing else in the file changes).
/// </summary>
public static class ChartVersions
{
    public static string Read(AbsolutePath root)
    {
        var file = root / "VERSION";
        if (!file.FileExists) throw new TargetFailedException("VERSION is missing at the repository root: it holds the version charts are published with.");
        return File.ReadAllText(file).Trim();
    }

    public static IReadOnlyList<AbsolutePath> ChartFiles(AbsolutePath charts) =>
        Directory.EnumerateFiles(charts, "Chart.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}charts{Path.DirectorySeparatorChar}tmpcharts"))
            .Where(f => !Path.GetRelativePath(charts, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Skip(1).Contains("charts"))
            .Order(StringComparer.Ordinal).Select(AbsolutePath.From).ToList();

    /// <summary>Chart files whose version or appVersion differs from <paramref name="version"/>.</summary>
    public static IReadOnlyList<(AbsolutePath File, string? Version, string? AppVersion)> Stale(IReadOnlyList<AbsolutePath> files, string version) =>
        files.Select(f =>
        {
            var document = ValuesDocument.Parse(ExactText.Read(f), f);
            return (f, document.Get(KeyPath.Parse("version")), document.Get(KeyPath.Parse("appVersion")));
        }).Where(x => x.Item2 != version || x.Item3 != version).ToList();

    /// <summary>Writes the version into every chart that differs; returns the files changed.</summary>
    public static IReadOnlyList<AbsolutePath> Sync(IReadOnlyList<AbsolutePath> files, string version)
    {
        var changed = new List<AbsolutePath>();
        foreach (var file in files)
        {
            var edit = ValuesFile.Set(file, KeyPath.Parse("version"), version);
            var app = ValuesFile.Set(file, KeyPath.Parse("appVersion"), version);
            if (edit.Changed || app.Changed) changed.Add(file);
        }
        return changed;
    }
}
