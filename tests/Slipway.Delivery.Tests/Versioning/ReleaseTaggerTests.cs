using FluentAssertions;
using Slipway.Delivery.Versioning;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Versioning;

/// <summary>
/// A release tags the commit v&lt;VERSION&gt; and pushes it (a bump first commits the raised VERSION and chart
/// versions); every refusal leaves the clone and its origin as they were. Real git, a bare origin on disk.
/// </summary>
public sealed class ReleaseTaggerTests
{
    private static ReleaseRequest Request(ReleaseRepository repository, ReleaseBump? bump = null) =>
        new(repository.Clone, ["main", "release/*"]) { Bump = bump, ChartsDirectory = repository.Clone / "charts" };

    [Fact]
    public async Task The_version_in_VERSION_is_tagged_on_the_commit_and_pushed_without_a_new_commit()
    {
        using var repository = await ReleaseRepository.CreateAsync("1.4.0");
        var head = await repository.GitAsync("rev-parse", "HEAD");

        var result = await ReleaseTagger.ReleaseAsync(Request(repository), CancellationToken.None);

        result.Tag.Should().Be("v1.4.0");
        result.Bumped.Should().BeFalse();
        result.Commit.Should().Be(head);
        (await repository.OriginAsync("rev-parse", "v1.4.0^{commit}")).Should().Be(head);
        (await repository.OriginAsync("cat-file", "-t", "v1.4.0")).Should().Be("tag", "the release tag is annotated");
        (await repository.OriginAsync("rev-parse", "main")).Should().Be(head);
        (await SourceVersion.ReadFreshAsync(repository.Clone)).ReleaseVersion.Should().Be("1.4.0",
            "the images of this commit are tagged with the release version");
    }

    [Theory]
    [InlineData(ReleaseBump.Patch, "1.4.1")]
    [InlineData(ReleaseBump.Minor, "1.5.0")]
    [InlineData(ReleaseBump.Major, "2.0.0")]
    public async Task A_bump_commits_the_raised_version_and_chart_versions_then_pushes_commit_and_tag_together(
        ReleaseBump bump, string expected)
    {
        using var repository = await ReleaseRepository.CreateAsync("1.4.0");
        var before = await repository.GitAsync("rev-parse", "HEAD");

        var result = await ReleaseTagger.ReleaseAsync(Request(repository, bump), CancellationToken.None);

        result.Version.ToString().Should().Be(expected);
        repository.Read("VERSION").Should().Be(expected + "\n");
        repository.Read("charts/web/Chart.yaml").Should()
            .Be($"apiVersion: v2\nname: web # the chart\nversion: {expected}\nappVersion: \"{expected}\"\n");
        (await repository.GitAsync("log", "-1", "--format=%s")).Should().Be($"Release {expected}");
        (await repository.GitAsync("rev-parse", "HEAD~1")).Should().Be(before);
        (await repository.OriginAsync("rev-parse", "main")).Should().Be(result.Commit);
        (await repository.OriginAsync("rev-parse", $"v{expected}^{{commit}}")).Should().Be(result.Commit);
        (await repository.GitAsync("status", "--porcelain")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_pre_release_is_released_as_its_version_by_a_patch_bump()
    {
        SemanticVersion.Parse("2.0.0-rc.2", "VERSION").Bump(ReleaseBump.Patch).ToString().Should().Be("2.0.0");
        SemanticVersion.Parse("2.0.0-rc.2", "VERSION").Bump(ReleaseBump.Minor).ToString().Should().Be("2.1.0");
        var wrong = () => SemanticVersion.Parse("1.4", "VERSION");
        wrong.Should().Throw<TargetFailedException>().WithMessage("VERSION holds '1.4', which is not a release version*");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_dirty_tree_a_feature_branch_an_existing_tag_or_no_remote_is_refused_and_nothing_changes()
    {
        using var repository = await ReleaseRepository.CreateAsync("1.4.0");
        async Task<string> Refs() => await repository.RefsAsync(repository.Clone) + "\n" +
                                     await repository.RefsAsync(repository.Origin);
        async Task<string> Refused(ReleaseBump? bump = null)
        {
            var before = await Refs();
            var message = await RefusalAsync(repository, bump);
            (await Refs()).Should().Be(before, $"a refused release moves no branch and makes no tag ({message})");
            return message;
        }

        await repository.WriteAsync("notes.txt", "draft");
        var dirty = await Refused(ReleaseBump.Minor);
        File.Delete(repository.Clone / "notes.txt");

        await repository.GitAsync("checkout", "--quiet", "-b", "feature/login");
        var feature = await Refused();
        await repository.GitAsync("checkout", "--quiet", "main");

        await repository.OriginAsync("tag", "v1.4.0", "main");
        var onRemote = await Refused();
        await repository.GitAsync("tag", "v1.4.1");
        var here = await Refused(ReleaseBump.Patch);

        await repository.GitAsync("remote", "remove", "origin");
        var noRemote = await Refused(ReleaseBump.Minor);

        dirty.Should().StartWith("The working tree has changes that are not committed (?? notes.txt)");
        feature.Should().StartWith("'feature/login' is not a release branch (main, release/*)");
        onRemote.Should().Be("The tag v1.4.0 exists on origin: this version is released already: raise VERSION " +
                             "(./build.sh Release --bump patch|minor|major).");
        here.Should().StartWith("The tag v1.4.1 exists here (on ");
        noRemote.Should().StartWith("There is no remote 'origin' to push the release tag to");
        repository.Read("VERSION").Should().Be("1.4.0\n");
        (await repository.GitAsync("status", "--porcelain")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_commit_the_remote_does_not_have_is_not_released()
    {
        using var repository = await ReleaseRepository.CreateAsync("1.4.0");
        await repository.WriteAsync("local.txt", "not reviewed");
        await repository.CommitAllAsync("Local only");
        var head = await repository.GitAsync("rev-parse", "HEAD");

        var message = await RefusalAsync(repository, ReleaseBump.Minor);

        message.Should().StartWith($"HEAD ({head[..8]}) is not in the history of origin/main");
        (await repository.GitAsync("rev-parse", "HEAD")).Should().Be(head);
        (await repository.OriginAsync("tag", "--list")).Should().BeEmpty();
        repository.Read("VERSION").Should().Be("1.4.0\n");
    }

    [Fact]
    public async Task A_refused_push_removes_the_tag_and_the_release_commit_here_and_says_so()
    {
        using var repository = await ReleaseRepository.CreateAsync("1.4.0");
        var before = await repository.GitAsync("rev-parse", "HEAD");
        // someone else's commit reached origin's main first: the atomic push of main and the tag is refused
        await repository.WriteAsync("other.txt", "theirs");
        await repository.CommitAllAsync("Theirs");
        await repository.GitAsync("push", "--quiet", "origin", "main");
        await repository.GitAsync("reset", "--hard", "--quiet", before);

        var message = await RefusalAsync(repository, ReleaseBump.Minor);

        message.Should().StartWith("Pushing HEAD:refs/heads/main and refs/tags/v1.5.0 to origin was refused")
            .And.EndWith("Nothing was pushed, and the tag v1.5.0 and the release commit were removed here. Pull, " +
                         "then release again.");
        (await repository.GitAsync("rev-parse", "HEAD")).Should().Be(before);
        (await repository.GitAsync("tag", "--list")).Should().BeEmpty();
        (await repository.OriginAsync("tag", "--list")).Should().BeEmpty();
        repository.Read("VERSION").Should().Be("1.4.0\n");
    }

    private static async Task<string> RefusalAsync(ReleaseRepository repository, ReleaseBump? bump = null)
    {
        var release = () => ReleaseTagger.ReleaseAsync(Request(repository, bump), CancellationToken.None);
        return (await release.Should().ThrowAsync<TargetFailedException>()).Which.Message;
    }
}
