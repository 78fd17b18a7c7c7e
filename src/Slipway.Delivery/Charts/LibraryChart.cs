using System.Reflection;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Engine;

namespace Slipway.Delivery.Charts;

/// <summary>
/// The <c>slipway-component</c> library chart shipped inside this assembly, at this Slipway version. A chart that
/// depends on it from an OCI registry at this version gets it from here (packed into its charts/ folder), offline;
/// PublishLibraryChart pushes the same chart to a registry for helm and other tools.
/// </summary>
public static class LibraryChart
{
    public const string Name = "slipway-component";
    private const string Prefix = Name + "/";
    private static readonly Assembly Owner = typeof(LibraryChart).Assembly;

    /// <summary>The shipped chart's version (its Chart.yaml's, which follows Slipway's VERSION), read once.</summary>
    public static string Version => ShippedVersion.Value;

    private static readonly Lazy<string> ShippedVersion = new(() =>
    {
        using var reader = new StreamReader(Owner.GetManifestResourceStream(Prefix + "Chart.yaml")!);
        return ChartYaml.Load(reader) is { } root ? ChartYaml.Scalar(root, "version") ?? "" : "";
    });

    /// <summary>A dependency on this very chart from a registry (the version asked is the shipped one).</summary>
    public static bool Serves(ChartDependency dependency) =>
        !dependency.IsLocal && dependency.Name == Name && dependency.Version.Trim().TrimStart('=') == Version;

    /// <summary>Writes the chart's files into <paramref name="directory"/> (a folder named like the chart).</summary>
    public static string WriteSource(string directory)
    {
        var root = Path.Combine(directory, Name);
        var resources = Owner.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal));
        foreach (var resource in resources)
        {
            // packed on Windows, the folders in a resource's name are separated by '\\'
            var file = Path.Combine(root, resource[Prefix.Length..].Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var source = Owner.GetManifestResourceStream(resource)!;
            using var target = File.Create(file);
            source.CopyTo(target);
        }
        return root;
    }

    /// <summary>Packs the chart into <paramref name="destination"/>; returns the archive's path.</summary>
    public static async Task<string> PackageAsync(HelmClient helm, string destination, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("slipway-library-chart-");
        try
        {
            Directory.CreateDirectory(destination);
            return await helm.PackageAsync(WriteSource(work.FullName), destination, ct);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Puts the shipped chart in <paramref name="chart"/>'s charts/ folder when it depends on it and the folder lacks
    /// that version (an older copy, from before a Slipway upgrade, is replaced).
    /// </summary>
    public static async Task VendorAsync(HelmClient helm, string chart, CancellationToken ct)
    {
        var dependencies = ChartDependency.Of(chart);
        foreach (var other in dependencies.Where(d => !d.IsLocal && d.Name == Name && !Serves(d)))
            Log.Warning($"{Path.Combine(chart, "Chart.yaml")} asks for {Name} {other.Version}; this Slipway ships " +
                        $"{Version}: helm fetches {other.Version} from {other.Repository}. After a Slipway upgrade, " +
                        $"set version: {Version} there.");
        if (!dependencies.Any(Serves)) return;
        var folder = Path.Combine(chart, "charts");
        if (File.Exists(Path.Combine(folder, $"{Name}-{Version}.tgz"))) return;
        foreach (var stale in VendoredChart.In(chart).Where(v => v.Name == Name && v.IsArchive))
            File.Delete(stale.Path);
        await PackageAsync(helm, folder, ct);
    }
}
