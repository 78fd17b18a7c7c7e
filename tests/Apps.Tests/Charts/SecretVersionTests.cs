using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>
/// The versions of the app secrets the build passes (global.secretVersions) reach exactly the pod templates whose
/// containers read those secrets, so a rotated value rolls those workloads and no other.
/// </summary>
[Collection(ChartsCollection.Name)]
public sealed class SecretVersionTests(ChartFixture charts)
{
    private static readonly Dictionary<string, string> Versions = new()
    {
        ["orders-db"] = "0123456789abcdef", ["orders-bus"] = "fedcba9876543210",
    };

    [Theory, ClassData(typeof(EnvironmentCharts))]
    public async Task Each_workload_carries_the_version_of_each_secret_it_reads_and_no_other(string environment,
        string chart)
    {
        var rendered = await charts.RenderAsync(chart, environment,
            [.. Versions.SelectMany(v => new[] { "--set", $"global.secretVersions.{v.Key}={v.Value}" })]);

        foreach (var workload in rendered.Workloads.Where(w => w.Kind != "Job"))
        {
            var read = workload.Containers.SelectMany(c => c.ListAt("env"))
                .Select(e => e.StringAt("valueFrom.secretKeyRef.name")).OfType<string>().Distinct().Order();
            workload.PodAnnotations.Where(a => a.Key.StartsWith("slipway.io/secret-", StringComparison.Ordinal))
                .Select(a => $"{a.Key["slipway.io/secret-".Length..]}={a.Value}")
                .Should().Equal(read.Select(name => $"{name}={Versions[name]}"), "{0} in {1}", workload, environment);
        }
        rendered.Workloads.Should().Contain(w => w.PodAnnotations.Count > 0, "some workload reads a secret");
    }

    [Fact]
    public async Task Without_versions_no_pod_template_names_a_secret()
    {
        foreach (var chart in ChartFixture.Umbrellas)
            (await charts.RenderAsync(chart, "dev")).Workloads
                .SelectMany(w => w.PodAnnotations.Keys).Should().NotContain(k => k.StartsWith("slipway.io/secret-"));
    }
}
