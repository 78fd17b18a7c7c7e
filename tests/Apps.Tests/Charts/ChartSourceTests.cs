using System.Text.RegularExpressions;
using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>The chart sources themselves: versions from VERSION, nothing hard-coded that values should decide.</summary>
public sealed class ChartSourceTests
{
    static readonly string ChartsRoot = Repo.PathOf("charts");

    /// <summary>The source charts (not what helm dependency build unpacks under a chart's charts/ folder).</summary>
    static IEnumerable<string> ChartFiles => Directory.GetFiles(ChartsRoot, "Chart.yaml", SearchOption.AllDirectories)
        .Where(f => !Path.GetRelativePath(ChartsRoot, f).Split(Path.DirectorySeparatorChar).Contains("charts"));

    static IEnumerable<string> TemplateFiles => Directory.GetFiles(ChartsRoot, "*", SearchOption.AllDirectories)
        .Where(f => Path.GetRelativePath(ChartsRoot, f).Split(Path.DirectorySeparatorChar).Contains("templates"));

    [Fact]
    public void Every_chart_version_and_app_version_is_the_VERSION_file()
    {
        var version = File.ReadAllText(Repo.PathOf("VERSION")).Trim();
        version.Should().MatchRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$");

        var charts = ChartFiles.ToList();
        charts.Select(f => Path.GetFileName(Path.GetDirectoryName(f))).Should()
            .BeEquivalentTo("slipway-component", "apps", "orders-api", "orders-worker", "web-ui", "base", "broker", "database");
        foreach (var file in charts)
        {
            var chart = Yaml.LoadMap(File.ReadAllText(file));
            chart.StringAt("version").Should().Be(version, file);
            chart.StringAt("appVersion").Should().Be(version, file);
            chart.StringAt("apiVersion").Should().Be("v2", file);
            foreach (var dependency in chart.ListAt("dependencies").OfType<Dictionary<string, object?>>())
            {
                dependency.StringAt("repository").Should().StartWith("file://", "{0}: dependencies are local charts", file);
                dependency.StringAt("version").Should().Be(">=0.0.0-0", "{0}: a local dependency is whatever version the repository holds, so the version is synced in one place", file);
            }
        }
    }

    [Fact]
    public void The_library_chart_is_a_library_used_by_every_component_chart()
    {
        Yaml.LoadMap(File.ReadAllText(Path.Combine(ChartsRoot, "slipway-component", "Chart.yaml"))).StringAt("type").Should().Be("library");
        foreach (var component in new[] { "apps/components/orders-api", "apps/components/orders-worker", "apps/components/web-ui", "base/products/broker", "base/products/database" })
        {
            var chart = Yaml.LoadMap(File.ReadAllText(Path.Combine(ChartsRoot, component, "Chart.yaml")));
            chart.ListAt("dependencies").OfType<Dictionary<string, object?>>().Select(d => d.StringAt("name")).Should().Contain("slipway-component", component);
        }
    }

    [Fact]
    public void No_template_hard_codes_a_namespace_a_pull_policy_or_a_pull_secret()
    {
        var templates = TemplateFiles.ToList();
        templates.Should().NotBeEmpty();
        foreach (var file in templates)
        {
            var text = File.ReadAllText(file);
            text.Should().NotMatchRegex(@"(?m)^\s*namespace\s*:", file);
            text.Should().NotMatchRegex(@"\.Release\.Namespace", file);
            text.Should().NotMatchRegex(@"imagePullPolicy\s*:\s*[""']?(Always|IfNotPresent|Never)", file);
            text.Should().NotMatchRegex(@"imagePullSecrets\s*:\s*(\[\s*[^\]\s{]|\r?\n\s*-\s*(name\s*:\s*)?[^{\s])",
                "{0}: pull secret names belong in values (global.imagePullSecrets / <component>.imagePullSecrets)", file);
        }
    }

    [Fact]
    public void Helm_dependency_output_is_ignored_by_git()
    {
        File.ReadAllLines(Path.Combine(ChartsRoot, ".gitignore")).Should().Contain("**/charts/*.tgz").And.Contain("**/Chart.lock");
    }
}
