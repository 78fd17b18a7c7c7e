using FluentAssertions;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

[Collection(ChartsCollection.Name)]
public sealed class LintTests(ChartFixture charts)
{
    [Theory, ClassData(typeof(EnvironmentCharts))]
    public async Task Each_chart_lints_clean_with_each_environment_values(string environment, string chart)
    {
        var result = await Helm.RunAsync(["lint", charts.ChartPath(chart), "--strict",
            .. ChartFixture.ValuesFiles(environment).SelectMany(f => new[] { "-f", f }), "--set", $"global.registry={ChartFixture.Registry}"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().NotContain("[WARNING]").And.NotContain("[ERROR]");
    }

    [Fact]
    public async Task The_library_chart_lints_clean()
    {
        var result = await Helm.RunAsync("lint", charts.ChartPath("slipway-component"), "--strict");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().NotContain("[WARNING]").And.NotContain("[ERROR]");
    }
}
