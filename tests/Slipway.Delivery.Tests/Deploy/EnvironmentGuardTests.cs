using FluentAssertions;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Delivery.Versioning;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

public sealed class EnvironmentGuardTests
{
    private static readonly DeploymentEnvironment Prod = new("prod")
    {
        TagPatterns = ["prod.v*"],
        Protections = new() { RequireCleanTree = true, RequireReleaseTag = "prod.v*", ImmutableImages = true },
    };

    private static BuiltImage Image(string digest, string tag = "0123abcd") => new()
    {
        Component = "orders-api", Registry = "r:5000", Repository = "shop/orders-api", Tags = [tag], Digest = digest,
        InputsDigest = "sha256:00", InputsTag = "inputs-00", Rebuilt = true,
    };

    [Fact]
    public void A_clean_tagged_commit_with_pinned_images_passes() =>
        EnvironmentGuard.Check(Prod, new SourceVersion(new string('a', 40), false, null, ["prod.v1.4.0"]), [Image("sha256:" + new string('1', 64))]);

    [Fact]
    public void A_dirty_untagged_run_with_unconfirmed_images_is_refused_listing_every_reason()
    {
        var act = () => EnvironmentGuard.Check(Prod, new SourceVersion(new string('a', 40), true, "master", []), [Image("", "aaaaaaaa-dirty")]);

        act.Should().Throw<TargetFailedException>()
            .Which.Message.Should().Contain("uncommitted changes").And.Contain("no tag matching prod.v*").And.Contain("orders-api").And.Contain("nothing was changed");
    }
}
