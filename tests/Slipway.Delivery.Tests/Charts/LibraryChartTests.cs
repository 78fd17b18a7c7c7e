using FluentAssertions;
using Slipway.Delivery.Charts;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Tests.Helm;
using Xunit;

namespace Slipway.Delivery.Tests.Charts;

/// <summary>
/// The library chart shipped inside Slipway.Delivery is this repository's charts/slipway-component, at VERSION; a
/// chart that depends on it from a registry at that version gets it packed into its charts/ folder, offline.
/// </summary>
public sealed class LibraryChartTests : IDisposable
{
    private readonly string _chart = Directory.CreateTempSubdirectory("slipway-library-user-").FullName;
    private static string Source => Path.Combine(RepositoryRoot.Path, "charts", "slipway-component");

    [Fact]
    public void The_shipped_chart_is_the_repository_s_at_its_version()
    {
        LibraryChart.Version.Should().Be(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "VERSION")).Trim());
        var written = LibraryChart.WriteSource(_chart);

        var expected = Directory.GetFiles(Source, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Source, f)).Order(StringComparer.Ordinal).ToList();
        Directory.GetFiles(written, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(written, f)).Order(StringComparer.Ordinal).Should().Equal(expected);
        foreach (var file in expected)
            File.ReadAllText(Path.Combine(written, file)).Should()
                .Be(File.ReadAllText(Path.Combine(Source, file)), file);
    }

    [Fact]
    public async Task A_dependency_on_the_shipped_version_is_packed_in_and_an_older_copy_replaced()
    {
        WriteChart(LibraryChart.Version);
        Directory.CreateDirectory(Path.Combine(_chart, "charts"));
        var older = Path.Combine(_chart, "charts", "slipway-component-0.0.1.tgz");
        await LibraryChart.PackageAsync(TestHelm.Default, Path.Combine(_chart, "old"), default);
        File.Move(Directory.GetFiles(Path.Combine(_chart, "old"))[0], older);

        await ChartDependencies.BuildAsync(TestHelm.Default, _chart, default);

        File.Exists(older).Should().BeFalse("the copy of an older Slipway is replaced");
        var packed = Path.Combine(_chart, "charts", $"slipway-component-{LibraryChart.Version}.tgz");
        VendoredChart.NameInArchive(packed).Should().Be("slipway-component");
        var rendered = await TestHelm.Default.TemplateAsync("web", _chart, "default", [],
            [new("global.registry", "127.0.0.1:5000"), new("image.tag", "abc1234")]);
        rendered.Should().Contain("kind: Deployment").And.Contain("127.0.0.1:5000/shop/web:abc1234");
    }

    [Fact]
    public async Task A_dependency_on_another_version_is_left_to_helm_and_its_registry()
    {
        WriteChart("9.9.9");

        var build = () => ChartDependencies.BuildAsync(TestHelm.Default, _chart, default);

        (await build.Should().ThrowAsync<Slipway.Delivery.Helm.HelmException>()).Which.Message.Should()
            .Contain("slipway-component (oci://registry.invalid/slipway/charts)");
        VendoredChart.In(_chart).Should().BeEmpty("the shipped chart is another version");
    }

    private void WriteChart(string libraryVersion)
    {
        File.WriteAllText(Path.Combine(_chart, "Chart.yaml"), $"""
            apiVersion: v2
            name: web
            version: 0.1.0
            dependencies:
              - name: slipway-component
                version: {libraryVersion}
                repository: oci://registry.invalid/slipway/charts
            """);
        File.WriteAllText(Path.Combine(_chart, "values.yaml"), "global:\n  entityNamespace: shop\nport: 8080\n");
        Directory.CreateDirectory(Path.Combine(_chart, "templates"));
        File.WriteAllText(Path.Combine(_chart, "templates", "component.yaml"),
            "{{ include \"slipway-component.app\" . }}\n");
    }

    public void Dispose() => Directory.Delete(_chart, recursive: true);
}
