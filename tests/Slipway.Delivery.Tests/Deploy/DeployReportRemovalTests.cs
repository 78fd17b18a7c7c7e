using FluentAssertions;
using Slipway.Delivery.Deploy;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>A destroyed preview's report goes; the report of another preview of the same environment stays.</summary>
public sealed class DeployReportRemovalTests : IDisposable
{
    private readonly AbsolutePath _artifacts =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-artifacts-").FullName);

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Fact]
    public void Only_the_report_of_the_destroyed_namespace_is_removed()
    {
        File.WriteAllText(_artifacts / "deploy-preview.json", """{ "namespace": "preview-feature-b" }""");
        File.WriteAllText(_artifacts / "deploy-preview.md", "# Deploy to preview\n");

        DeployReport.RemoveFor(_artifacts, "preview", "preview-feature-a").Should().BeEmpty();
        File.Exists(_artifacts / "deploy-preview.json").Should().BeTrue("it is another preview's");

        DeployReport.RemoveFor(_artifacts, "preview", "preview-feature-b")
            .Should().BeEquivalentTo("deploy-preview.json", "deploy-preview.md");
        Directory.EnumerateFiles(_artifacts).Should().BeEmpty();
    }
}
