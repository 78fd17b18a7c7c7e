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

    private static readonly SourceVersion Release = new(new string('a', 40), false, null, ["prod.v1.4.0"]);
    private static readonly BuiltImage Pinned = Image("sha256:" + new string('1', 64));

    [Fact]
    public void A_clean_tagged_commit_with_pinned_images_passes()
    {
        var check = () => EnvironmentGuard.Check(Prod, Release, [Pinned]);

        check.Should().NotThrow();
    }

    [Theory]
    [InlineData("dirty", "the working tree has uncommitted changes")]
    [InlineData("untagged", "HEAD (aaaaaaaa) carries no tag matching prod.v*")]
    [InlineData("unconfirmed", "orders-api: image r:5000/shop/orders-api:0123abcd is not an immutable")]
    [InlineData("dirty-image", "orders-api: image r:5000/shop/orders-api:0123abcd-dirty is not an immutable")]
    public void The_passing_run_changed_in_one_way_is_refused_for_that_reason_alone(string change, string reason)
    {
        // The premise of the passing test: the guard is armed, and only the run's cleanliness lets it through.
        var (version, image) = change switch
        {
            "dirty" => (Release with { IsDirty = true }, Pinned),
            "untagged" => (Release with { Tags = ["v1.4.0", "prod-v1.4.0"] }, Pinned),
            "unconfirmed" => (Release, Pinned with { Digest = "" }),
            _ => (Release, Pinned with { Tags = ["0123abcd-dirty"] }),
        };

        var check = () => EnvironmentGuard.Check(Prod, version, [image]);

        var message = check.Should().Throw<TargetFailedException>().Which.Message;
        message.Should().StartWith("Environment 'prod' refuses this run; nothing was changed:\n  - " + reason);
        message.Split("\n  - ").Should().HaveCount(2, "only the one thing that changed is reported");
    }

    [Fact]
    public async Task A_dirty_tree_is_refused_naming_the_changed_and_the_untracked_files_git_lists()
    {
        var repository = Directory.CreateTempSubdirectory("slipway-dirty-").FullName;
        try
        {
            async Task Git(params string[] args) => await ProcessRunner.RunAsync("git", ["-C", repository, .. args],
                new ProcessOptions { LogOutput = false, LogInvocation = false });
            await Git("init", "-q");
            File.WriteAllText(Path.Combine(repository, "tracked.txt"), "one\n");
            await Git("add", ".");
            await Git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "first");
            await Git("tag", "prod.v1.4.0");
            File.AppendAllText(Path.Combine(repository, "tracked.txt"), "two\n");
            File.WriteAllText(Path.Combine(repository, "notes.txt"), "left behind\n");

            var version = await SourceVersion.ReadFreshAsync(repository);
            var check = () => EnvironmentGuard.Check(Prod, version, [Pinned]);

            check.Should().Throw<TargetFailedException>().Which.Message.Should()
                .Contain("untracked files count too").And.Contain(" M tracked.txt").And.Contain("?? notes.txt");
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    [Fact]
    public void A_dirty_untagged_run_with_unconfirmed_images_is_refused_listing_every_reason()
    {
        var act = () => EnvironmentGuard.Check(Prod, new SourceVersion(new string('a', 40), true, "master", []), [Image("", "aaaaaaaa-dirty")]);

        act.Should().Throw<TargetFailedException>()
            .Which.Message.Should().Contain("uncommitted changes").And.Contain("no tag matching prod.v*").And.Contain("orders-api").And.Contain("nothing was changed");
    }
}
