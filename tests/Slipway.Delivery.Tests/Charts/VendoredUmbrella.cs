using Slipway.Delivery.Helm;

namespace Slipway.Delivery.Tests.Charts;

/// <summary>
/// An umbrella chart in a temp folder with two dependencies: "vendor" from a public chart repository, vendored as the
/// .tgz that <c>helm package</c> makes (as <c>helm dependency update</c> would have fetched it), and "lib", a local
/// <c>file://</c> chart not packed yet. Nothing here is reachable over the network.
/// </summary>
internal sealed class VendoredUmbrella : IDisposable
{
    public const string Repository = "https://charts.example.com/stable";
    public const string VendorImage = "docker.io/example/vendor-server:1.2.3";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("slipway-vendored-");

    private VendoredUmbrella() { }

    public string Chart => Path.Combine(_work.FullName, "umbrella");
    public string Library => Path.Combine(_work.FullName, "lib");
    public string VendoredArchive => Path.Combine(Chart, "charts", "vendor-1.2.3.tgz");
    public string PackedLibrary => Path.Combine(Chart, "charts", "lib-0.1.0.tgz");

    public static string LibraryImage(int version) => $"registry.example.com/team/lib:{version}";

    public static async Task<VendoredUmbrella> CreateAsync(HelmClient helm)
    {
        var umbrella = new VendoredUmbrella();
        var vendor = WriteChart(Path.Combine(umbrella._work.FullName, "vendor-source"), "vendor", "1.2.3", VendorImage);
        WriteChart(umbrella.Library, "lib", "0.1.0", LibraryImage(1));
        WriteChart(umbrella.Chart, "umbrella", "0.1.0", image: null, $"""
            dependencies:
              - name: vendor
                version: 1.2.3
                repository: {Repository}
              - name: lib
                version: ">=0.0.0-0"
                repository: file://../lib
            """);
        await helm.PackageAsync(vendor, Directory.CreateDirectory(Path.Combine(umbrella.Chart, "charts")).FullName);
        return umbrella;
    }

    /// <summary>Points the library chart's Deployment at another image, as an edit of its sources would.</summary>
    public void ChangeLibraryImage(int version)
    {
        var template = Path.Combine(Library, "templates", "deployment.yaml");
        File.WriteAllText(template, Deployment("lib", LibraryImage(version)));
        // later than the archive packed before, whatever the file system's time resolution
        File.SetLastWriteTimeUtc(template, DateTime.UtcNow.AddMinutes(5));
    }

    private static string WriteChart(string directory, string name, string version, string? image,
        string dependencies = "")
    {
        Directory.CreateDirectory(Path.Combine(directory, "templates"));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"),
            $"apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"{version}\"\n{dependencies}\n");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), "{}\n");
        if (image != null)
            File.WriteAllText(Path.Combine(directory, "templates", "deployment.yaml"), Deployment(name, image));
        return directory;
    }

    private static string Deployment(string name, string image) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}-{{{name}}}
        spec:
          selector:
            matchLabels: { app: {{{name}}} }
          template:
            metadata:
              labels: { app: {{{name}}} }
            spec:
              containers:
                - name: {{{name}}}
                  image: "{{{image}}}"
        """;

    public void Dispose() => _work.Delete(recursive: true);
}
