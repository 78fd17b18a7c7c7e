using System.Formats.Tar;
using System.IO.Compression;
using FluentAssertions;
using Slipway.Delivery.Charts;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Charts;

/// <summary>
/// `./build.sh PublishLibraryChart` pushes the shipped slipway-component chart as an OCI chart that helm pulls by
/// version: to the stack's open registry, and to its authenticated one with --registry-username/--registry-password.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class PublishLibraryChartTests(LocalStackFixture stack) : IDisposable
{
    private readonly string _pulled = Directory.CreateTempSubdirectory("slipway-library-pull-").FullName;
    private readonly string _prefix = "library-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_chart_is_pushed_at_the_shipped_version_and_helm_pulls_it()
    {
        var registry = $"{stack.Environment.Registry}/{_prefix}";

        var publish = await BuildCommand.RunAsync("PublishLibraryChart", "--registry", registry);

        publish.ExitCode.Should().Be(0, publish.StandardOutput);
        var version = LibraryChart.Version;
        ConsoleText.OneLine(publish.StandardOutput).Should()
            .Contain($"slipway-component {version} is at oci://{registry}/slipway/charts/slipway-component");
        await ProcessRunner.RunAsync(TestHelmPath, ["pull", $"oci://{registry}/slipway/charts/slipway-component",
            "--version", version, "--plain-http", "--destination", _pulled], new ProcessOptions { LogOutput = false });
        var archive = Path.Combine(_pulled, $"slipway-component-{version}.tgz");
        ChartYamlIn(archive).Should().Contain("name: slipway-component").And.Contain($"version: {version}")
            .And.Contain("type: library");
    }

    [Fact]
    public async Task An_authenticated_registry_gets_the_chart_with_the_given_credentials_which_never_show()
    {
        var registry = $"{stack.Environment.TargetRegistry}/{_prefix}";
        var password = stack.Environment.TargetRegistryPassword;

        var anonymous = await BuildCommand.RunAsync("PublishLibraryChart", "--registry", registry);
        var publish = await BuildCommand.RunAsync("PublishLibraryChart", "--registry", registry,
            "--registry-username", stack.Environment.TargetRegistryUsername, "--registry-password", password);

        anonymous.ExitCode.Should().NotBe(0, "the registry refuses anonymous pushes");
        ConsoleText.OneLine(anonymous.StandardOutput).Should().Contain("No credentials were given: set " +
            "--registry-username and --registry-password");
        publish.ExitCode.Should().Be(0, publish.StandardOutput);
        publish.StandardOutput.Should().NotContain(password);
        publish.StandardError.Should().NotContain(password);
        using var client =
            new RegistryClient(stack.Environment.TargetRegistry, stack.Environment.TargetRegistryCredentials);
        var manifest =
            await client.HeadManifestAsync($"{_prefix}/slipway/charts/slipway-component", LibraryChart.Version);
        manifest.Should().NotBeNull();
    }

    private static string TestHelmPath => Helm.TestHelm.Default.Path;

    private static string ChartYamlIn(string archive)
    {
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
            if (entry.Name == "slipway-component/Chart.yaml")
                return new StreamReader(entry.DataStream!).ReadToEnd();
        throw new InvalidOperationException($"{archive} has no slipway-component/Chart.yaml");
    }

    public void Dispose() => Directory.Delete(_pulled, recursive: true);
}
