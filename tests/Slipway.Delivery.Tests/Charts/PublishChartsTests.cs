using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Charts;

/// <summary>
/// `./build.sh PublishCharts` pushes this repository's release charts (base, apps) to the stack's registry at one
/// version: chart version, appVersion and the tag of every image they deploy; helm installs them by reference alone.
/// A version already published is left as it is; a commit without a release tag publishes nothing.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class PublishChartsTests(LocalStackFixture stack)
{
    private readonly string _registry = $"{stack.Environment.Registry}/publish-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task The_release_charts_are_published_at_one_version_for_chart_app_and_images()
    {
        const string version = "0.9.0-publish.1";

        var untagged = await BuildCommand.RunAsync("PublishCharts", "--registry", _registry);
        var publish = await BuildCommand.RunAsync("PublishCharts", "--registry", _registry, "--chart-version", version);
        var again = await BuildCommand.RunAsync("PublishCharts", "--registry", _registry, "--chart-version", version);

        untagged.ExitCode.Should().Be(1, untagged.StandardOutput);
        ConsoleText.OneLine(untagged.StandardOutput).Should().Contain("carries no release tag (v1.2.3): release it " +
                                                                      "first (./build.sh Release)");
        publish.ExitCode.Should().Be(0, publish.StandardOutput);
        var published = ConsoleText.OneLine(publish.StandardOutput);
        published.Should().Contain($"base {version} is at oci://{_registry}/charts/base")
            .And.Contain($"apps {version} is at oci://{_registry}/charts/apps");
        again.ExitCode.Should().Be(0, again.StandardOutput);
        ConsoleText.OneLine(again.StandardOutput).Should()
            .Contain($"apps {version} is at oci://{_registry}/charts/apps already: left as it is");

        var chart = await HelmAsync("show", "chart", $"oci://{_registry}/charts/apps", "--version", version);
        chart.Should().Contain($"version: {version}").And.Contain($"appVersion: {version}");
        var manifests = await HelmAsync("template", "apps", $"oci://{_registry}/charts/apps", "--version", version,
            "--set", "global.registry=reg.test:5000");
        var images = Slipway.Delivery.Images.ManifestImages.Find(manifests);
        images.Should().Contain($"reg.test:5000/shop/orders-api:{version}")
            .And.OnlyContain(image => image.EndsWith(":" + version), "every image the chart deploys is the release's");
    }

    private async Task<string> HelmAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Helm.TestHelm.Default.Path, [.. arguments, "--plain-http"],
            new ProcessOptions { LogOutput = false })).StandardOutput;
}
