using System.Formats.Tar;
using System.IO.Compression;

namespace Slipway.Delivery.Deploy;

/// <summary>A chart in another's <c>charts/</c> folder, unpacked (a directory) or packed (a .tgz).</summary>
public sealed record VendoredChart(string Name, string Path, bool IsArchive)
{
    /// <summary>The charts in <paramref name="chart"/>'s charts/ folder (empty when it has none).</summary>
    public static IReadOnlyList<VendoredChart> In(string chart)
    {
        var folder = System.IO.Path.Combine(chart, "charts");
        if (!Directory.Exists(folder)) return [];
        var found = new List<VendoredChart>();
        foreach (var directory in Directory.EnumerateDirectories(folder))
            if (ChartYaml.NameIn(directory) is { } name) found.Add(new VendoredChart(name, directory, IsArchive: false));
        foreach (var archive in Directory.EnumerateFiles(folder, "*.tgz"))
            if (NameInArchive(archive) is { } name) found.Add(new VendoredChart(name, archive, IsArchive: true));
        return found;
    }

    /// <summary>The name in the archive's &lt;chart&gt;/Chart.yaml; null when it has none or cannot be read.</summary>
    public static string? NameInArchive(string archive)
    {
        try
        {
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var parts = entry.Name.Split('/');
                if (parts.Length != 2 || parts[1] != "Chart.yaml" || entry.DataStream == null) continue;
                using var reader = new StreamReader(entry.DataStream);
                return ChartYaml.Load(reader) is { } root ? ChartYaml.Scalar(root, "name") : null;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException) { }
        return null;
    }
}
