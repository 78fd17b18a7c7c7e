using System.Security.Cryptography;
using FluentAssertions;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Tests.Helm;
using Xunit;

namespace Slipway.Delivery.Tests.Charts;

/// <summary>
/// Charts whose dependencies come from a public chart repository render offline once those are vendored in charts/:
/// the build packs only the local (file://) dependencies and never asks a repository for the vendored ones.
/// </summary>
public sealed class VendoredDependencyTests
{
    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task A_vendored_dependency_renders_offline_as_it_is_and_a_missing_local_one_is_packed(string version)
    {
        var helm = await TestHelm.InstallAsync(version);
        using var umbrella = await VendoredUmbrella.CreateAsync(helm);
        var vendored = Sha256Of(umbrella.VendoredArchive);

        await ChartDependencies.BuildAsync(helm, umbrella.Chart, CancellationToken.None);
        var manifests = await helm.TemplateAsync("shop", umbrella.Chart, "default", [], []);

        ManifestImages.Find(manifests).Should()
            .BeEquivalentTo(VendoredUmbrella.VendorImage, VendoredUmbrella.LibraryImage(1));
        Sha256Of(umbrella.VendoredArchive).Should().Be(vendored, "the vendored archive is used as it is");
        File.Exists(umbrella.PackedLibrary).Should().BeTrue();
    }

    [Fact]
    public async Task A_packed_local_dependency_is_packed_again_once_its_sources_change()
    {
        var helm = TestHelm.Default;
        using var umbrella = await VendoredUmbrella.CreateAsync(helm);
        await ChartDependencies.BuildAsync(helm, umbrella.Chart, CancellationToken.None);

        umbrella.ChangeLibraryImage(2);
        await ChartDependencies.BuildAsync(helm, umbrella.Chart, CancellationToken.None);

        ManifestImages.Find(await helm.TemplateAsync("shop", umbrella.Chart, "default", [], []))
            .Should().Contain(VendoredUmbrella.LibraryImage(2)).And.NotContain(VendoredUmbrella.LibraryImage(1));
    }

    [Fact]
    public async Task A_dependency_neither_vendored_nor_fetchable_fails_naming_it_and_how_to_vendor_it()
    {
        var helm = TestHelm.Default;
        using var umbrella = await VendoredUmbrella.CreateAsync(helm);
        File.Delete(umbrella.VendoredArchive);

        var act = () => ChartDependencies.BuildAsync(helm, umbrella.Chart, CancellationToken.None);

        (await act.Should().ThrowAsync<HelmException>()).Which.Message
            .Should().Contain($"vendor ({VendoredUmbrella.Repository})").And.Contain("Vendor the chart")
            .And.Contain("helm repo add");
    }

    [Fact]
    public async Task The_content_digest_counts_a_vendored_archive_but_not_one_the_build_packs()
    {
        var helm = TestHelm.Default;
        using var umbrella = await VendoredUmbrella.CreateAsync(helm);
        await ChartDependencies.BuildAsync(helm, umbrella.Chart, CancellationToken.None);

        var sources = ChartDependencies.SourceFiles(umbrella.Chart);

        sources.Should().Contain(umbrella.VendoredArchive, "another vendored version is another deploy")
            .And.NotContain(umbrella.PackedLibrary, "packing gives new bytes each time: the library's sources count")
            .And.Contain(Path.Combine(umbrella.Library, "templates", "deployment.yaml"));
    }

    [Fact]
    public async Task ListImages_of_the_chart_runs_offline_without_the_local_stack()
    {
        using var umbrella = await VendoredUmbrella.CreateAsync(TestHelm.Default);

        var run = await BuildCommand.RunAsync("ListImages", "--chart", umbrella.Chart);

        run.ExitCode.Should().Be(0, run.StandardOutput + run.StandardError);
        run.StandardOutput.Should().Contain(VendoredUmbrella.VendorImage).And.Contain(VendoredUmbrella.LibraryImage(1))
            .And.NotContain("StackUp");
    }

    private static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
