using Slipway.Delivery.Charts;
using Slipway.Delivery.Helm;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Makes a chart's dependencies ready for lint, template and install, offline when they are at hand: a dependency
/// vendored in its charts/ folder (unpacked, or a .tgz) is used as it is; a local (<c>file://</c>) one is packed
/// there when missing or older than its sources, deepest first. Only a missing dependency from a chart repository
/// needs <c>helm dependency build</c> (and that repository); the <c>slipway-component</c> library at the version
/// this Slipway ships comes from <see cref="LibraryChart"/>. Also yields a chart's source files for a content digest.
/// </summary>
public static class ChartDependencies
{
    public static async Task BuildAsync(HelmClient helm, string chart, CancellationToken ct, HashSet<string>? done = null)
    {
        done ??= new HashSet<string>(StringComparer.Ordinal);
        var full = Path.GetFullPath(chart);
        if (!done.Add(full)) return;
        var dependencies = ChartDependency.Of(full);
        await LibraryChart.VendorAsync(helm, full, ct);
        foreach (var local in dependencies.Where(d => d.IsLocal))
            await BuildAsync(helm, local.DirectoryFrom(full), ct, done);
        var vendored = VendoredChart.In(full);
        var unavailable = dependencies.Where(d => !d.IsLocal && vendored.All(v => v.Name != d.Name)).ToList();
        if (unavailable.Count > 0)
        {
            await BuildFromRepositoriesAsync(helm, full, unavailable, ct);
            return;
        }
        foreach (var dependency in dependencies.Where(d => d.IsLocal))
        {
            var copies = vendored.Where(v => v.Name == dependency.Name).ToList();
            // an unpacked copy was put there on purpose: vendored, used as it is
            if (copies.Any(c => !c.IsArchive)) continue;
            var source = dependency.DirectoryFrom(full);
            if (copies.Count == 1 && IsUpToDate(copies[0].Path, source)) continue;
            foreach (var copy in copies) File.Delete(copy.Path);
            await helm.PackageAsync(source, Directory.CreateDirectory(Path.Combine(full, "charts")).FullName, ct);
        }
    }

    /// <summary>The files of the chart and its local dependencies, but lock files and what the build packs.</summary>
    public static IReadOnlyList<string> SourceFiles(string chart)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void Collect(string directory)
        {
            if (!visited.Add(directory)) return;
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                if (Path.GetFileName(file) == "Chart.lock" || IsPackedByBuild(file)) continue;
                files.Add(file);
            }
            foreach (var dependency in ChartDependency.Of(directory).Where(d => d.IsLocal))
                Collect(dependency.DirectoryFrom(directory));
        }
        Collect(Path.GetFullPath(chart));
        return files.ToList();
    }

    /// <summary>An archive packed from a local dependency: new bytes at each packing, so its sources count.</summary>
    private static bool IsPackedByBuild(string file)
    {
        if (!file.EndsWith(".tgz", StringComparison.Ordinal)) return false;
        var folder = Path.GetDirectoryName(file)!;
        var owner = Path.GetDirectoryName(folder)!;
        if (Path.GetFileName(folder) != "charts" || !File.Exists(Path.Combine(owner, "Chart.yaml"))) return false;
        var name = VendoredChart.NameInArchive(file);
        return ChartDependency.Of(owner).Any(d => d.IsLocal && d.Name == name);
    }

    /// <summary>The archive is newer than every source file of the local dependency it was packed from.</summary>
    private static bool IsUpToDate(string archive, string source)
    {
        var packed = File.GetLastWriteTimeUtc(archive);
        return SourceFiles(source).All(f => File.GetLastWriteTimeUtc(f) <= packed);
    }

    private static async Task BuildFromRepositoriesAsync(HelmClient helm, string chart,
        IReadOnlyList<ChartDependency> missing, CancellationToken ct)
    {
        try
        {
            await helm.DependencyBuildAsync(chart, ct);
        }
        catch (HelmException e)
        {
            var names = string.Join(", ", missing.Select(d => $"{d.Name} ({d.Repository})"));
            var (verb, pronoun) = missing.Count == 1 ? ("is", "it") : ("are", "them");
            throw new HelmException(
                $"{chart} depends on {names}, which {verb} not in its charts/ folder, and helm dependency build " +
                $"could not fetch {pronoun}: {e.ErrorOutput?.Trim() ?? e.Message}\nVendor the chart (helm " +
                "dependency update where its repository is reachable, then commit charts/*.tgz), or add its " +
                "repository to helm (helm repo add).", e.ErrorOutput);
        }
    }
}
