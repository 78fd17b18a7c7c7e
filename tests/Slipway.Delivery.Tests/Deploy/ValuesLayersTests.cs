using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>The --set values a release gets for the images this run built.</summary>
public sealed class ValuesLayersTests : IDisposable
{
    private readonly AbsolutePath _root =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-layers-").FullName);

    [Fact]
    public void A_dirty_tag_is_deployed_with_its_digest_as_it_moves_with_each_build_and_a_commit_tag_unpinned()
    {
        const string digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        var set = Set(Image("web-ui", "0123abcd-dirty", digest), Image("orders-api", "0123abcd", digest));

        set.Should().Contain(new KeyValuePair<string, string>("web-ui.image.digest", digest))
            .And.Contain(new KeyValuePair<string, string>("web-ui.image.tag", "0123abcd-dirty"))
            .And.Contain(new KeyValuePair<string, string>("orders-api.image.tag", "0123abcd"))
            .And.Contain(new KeyValuePair<string, string>("orders-api.image.digest", ""),
                "a commit's tag never moves, and a digest the values files hold (BumpValues writes one) is unset: " +
                "it would deploy another image than this tag");
        Set(Image("web-ui", "0123abcd-dirty", "")).Should().Contain(new KeyValuePair<string, string>(
            "web-ui.image.digest", ""), "an image not pushed has no digest yet; its tag is what there is");
    }

    [Fact]
    public void A_published_chart_gets_its_version_as_every_image_tag_whatever_this_run_built()
    {
        var release = new ReleaseDefinition("apps", _root / "charts" / "apps", ComponentKind.App)
        {
            Published = new Slipway.Delivery.Charts.PublishedChart("apps", "1.4.0", "127.0.0.1:5000/charts"),
        };

        var set = ValuesLayers.For(_root, new DeploymentEnvironment("recette"), release,
            [Component("web-ui"), Component("orders-api")], "127.0.0.1:5000",
            [Image("web-ui", "0123abcd", "sha256:" + new string('1', 64))], pinDigests: false).Set;

        set.Should().Equal(
            new KeyValuePair<string, string>("global.registry", "127.0.0.1:5000"),
            new KeyValuePair<string, string>("orders-api.image.digest", ""),
            new KeyValuePair<string, string>("orders-api.image.tag", "1.4.0"),
            new KeyValuePair<string, string>("web-ui.image.digest", ""),
            new KeyValuePair<string, string>("web-ui.image.tag", "1.4.0"));
        release.ChartArgument.Should().Be("oci://127.0.0.1:5000/charts/apps");
        release.ChartFlags.Should().Equal("--version", "1.4.0", "--plain-http");
    }

    [Fact]
    public void A_published_chart_in_an_environment_pinning_digests_gets_the_digests_the_registry_gave()
    {
        var digest = "sha256:" + new string('3', 64);
        var release = new ReleaseDefinition("apps", _root / "charts" / "apps", ComponentKind.App)
        {
            Published = new Slipway.Delivery.Charts.PublishedChart("apps", "1.4.0", "registry.example.com/charts"),
        };
        IReadOnlyList<KeyValuePair<string, string>> Layers(IReadOnlyList<BuiltImage> images) => ValuesLayers.For(_root,
            new DeploymentEnvironment("prod"), release, [Component("web-ui")], null, images, pinDigests: true).Set;

        Layers([Image("web-ui", "1.4.0", digest)]).Should().Equal(
            new KeyValuePair<string, string>("web-ui.image.digest", digest),
            new KeyValuePair<string, string>("web-ui.image.tag", "1.4.0"));
        var unknown = () => Layers([]);
        unknown.Should().Throw<TargetFailedException>().WithMessage("*digest of its image at 1.4.0 is not known*");
        release.ChartFlags.Should().Equal(["--version", "1.4.0"], "a registry not on loopback speaks HTTPS");
    }

    private IReadOnlyList<KeyValuePair<string, string>> Set(params BuiltImage[] images) =>
        ValuesLayers.For(_root, new DeploymentEnvironment("local"),
            new ReleaseDefinition("apps", _root / "charts" / "apps", ComponentKind.App),
            [Component("web-ui"), Component("orders-api")], "127.0.0.1:5000", images, pinDigests: false).Set;

    private Component Component(string name) => new() { Name = name, Context = _root / name, Repository = name };

    private static BuiltImage Image(string component, string tag, string digest) => new()
    {
        Component = component, Registry = "127.0.0.1:5000", Repository = component, Tags = [tag], Digest = digest,
        InputsDigest = "sha256:" + new string('2', 64), Rebuilt = true, InputsTag = "inputs-" + new string('2', 20),
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
