using FluentAssertions;
using Slipway.Delivery.Git;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Git;

[Collection(GitTestCollection.Name)]
public sealed class GitOpsWriterTests
{
    private static GitOpsRequest Bump(BareRepository repository, string component, string tag) => new(
        repository.Path, BareRepository.Branch,
        [new FileEdit(DeployLayout.ComponentFile(component), text => ValuesDocument.Parse(text).SetMarked(component, tag, MarkerPart.Tag).Text)],
        $"Deploy {component} {tag}");

    [Fact]
    public async Task A_bump_is_one_commit_that_changes_one_line()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(["api", "worker"], ["api"]));

        var result = await GitOpsWriter.WriteAsync(Bump(repository, "api", "1.1.0"));

        result.Changed.Should().BeTrue();
        result.Commit.Should().Be(await repository.HeadAsync());
        result.ChangedFiles.Should().Equal("deploy/values/api.yaml");
        result.Attempts.Should().Be(1);
        (await repository.CommitCountAsync()).Should().Be(2);
        (await repository.HeadDiffStatAsync()).Should().Be("1\t1\tdeploy/values/api.yaml");
        (await repository.ReadAsync("deploy/values/api.yaml")).Should().Be(DeployLayout.ComponentValues("api", "1.1.0"));
        (await repository.LogAsync("%an <%ae>|%cn <%ce>|%s")).Split('\n')[0].Should().Be("Slipway <slipway@localhost>|Slipway <slipway@localhost>|Deploy api 1.1.0");
    }

    [Fact]
    public async Task The_same_bump_again_makes_no_commit()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(["api"], ["api"]));
        await GitOpsWriter.WriteAsync(Bump(repository, "api", "1.1.0"));
        var head = await repository.HeadAsync();

        var again = await GitOpsWriter.WriteAsync(Bump(repository, "api", "1.1.0"));

        again.Changed.Should().BeFalse();
        again.Commit.Should().BeNull();
        again.ToString().Should().EndWith("(main): already up to date, nothing to commit");
        (await repository.HeadAsync()).Should().Be(head);
        (await repository.CommitCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Author_and_committer_can_be_chosen_and_a_file_url_works_like_a_path()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(["api"], ["api"]));

        await GitOpsWriter.WriteAsync(Bump(repository, "api", "1.1.0") with
        {
            Repository = "file://" + repository.Path,
            Author = new GitIdentity("Release Bot", "release@example.com"),
            Committer = new GitIdentity("CI", "ci@example.com"),
        });

        (await repository.LogAsync("%an <%ae>|%cn <%ce>")).Split('\n')[0].Should().Be("Release Bot <release@example.com>|CI <ci@example.com>");
    }

    [Fact]
    public async Task A_rejected_push_applies_the_edit_again_on_the_new_head()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(["api"], ["api"]));
        var file = DeployLayout.ComponentFile("api");
        var calls = new List<string>();
        var request = new GitOpsRequest(repository.Path, BareRepository.Branch, [new FileEdit(file, text =>
        {
            calls.Add(text);
            if (calls.Count == 1) // someone else pushes between our clone and our push
                repository.PushCommitAsync(file, t => t.Replace("pullPolicy: IfNotPresent", "pullPolicy: Always"), "Pull always").GetAwaiter().GetResult();
            return ValuesDocument.Parse(text).SetMarked("api", "1.1.0", MarkerPart.Tag).Text;
        })], changed => $"Deploy api 1.1.0 (edit run {calls.Count} changed {string.Join(", ", changed)})");

        var result = await GitOpsWriter.WriteAsync(request);

        result.Attempts.Should().Be(2);
        calls.Should().HaveCount(2);
        calls[1].Should().Contain("pullPolicy: Always", "the second run edits the content the other commit left");
        (await repository.ReadAsync(file)).Should().Be(DeployLayout.ComponentValues("api", "1.1.0").Replace("IfNotPresent", "Always"));
        (await repository.LogAsync("%s")).Should().Be(
            "Deploy api 1.1.0 (edit run 2 changed deploy/values/api.yaml)\nPull always\nSeed the deployment repository",
            "the message is written again for the attempt that was pushed");
        result.Message.Should().Be("Deploy api 1.1.0 (edit run 2 changed deploy/values/api.yaml)");
        (await repository.MergeCommitsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_branch_that_keeps_moving_fails_naming_the_repository_and_branch()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(["api"], ["api"]));
        var file = DeployLayout.ComponentFile("api");
        var round = 0;
        var request = new GitOpsRequest(repository.Path, BareRepository.Branch, [new FileEdit(file, text =>
        {
            round++;
            repository.PushCommitAsync("deploy/values.yaml", t => t + $"# round {round}\n", $"Competitor {round}").GetAwaiter().GetResult();
            return ValuesDocument.Parse(text).SetMarked("api", "1.1.0", MarkerPart.Tag).Text;
        })], "Deploy api 1.1.0") { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };

        var failure = await FluentActions.Awaiting(() => GitOpsWriter.WriteAsync(request)).Should().ThrowAsync<GitOpsException>();

        failure.Which.Message.Should().StartWith($"Could not push to file://{repository.Path} (branch main): it was rejected 3 times");
        round.Should().Be(3, "the edit ran once per attempt");
        (await repository.ReadAsync(file)).Should().Be(DeployLayout.ComponentValues("api", "1.0.0"));
        (await repository.CommitCountAsync()).Should().Be(1 + 3, "only the competitor's commits landed");
    }

    [Fact]
    public async Task A_missing_branch_fails_naming_the_repository_and_branch()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(["api"], ["api"]));

        var failure = await FluentActions.Awaiting(() => GitOpsWriter.WriteAsync(Bump(repository, "api", "1.1.0") with { Branch = "release" }))
            .Should().ThrowAsync<GitOpsException>();

        failure.Which.Message.Should().Be(
            $"Branch 'release' does not exist in file://{repository.Path} (its branches: main). " +
            "Pass --deploy-branch with an existing branch. Nothing was pushed.");
    }

    [Fact]
    public async Task A_new_file_is_created_and_a_failing_edit_pushes_nothing()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(["api"], ["api"]));

        var created = await GitOpsWriter.WriteAsync(new GitOpsRequest(repository.Path, BareRepository.Branch,
            [new FileEdit("deploy/values/ui.yaml", text => ValuesDocument.Parse(text).Set("image.tag", "0.1.0").Text)], "Add ui"));
        var failing = FluentActions.Awaiting(() => GitOpsWriter.WriteAsync(new GitOpsRequest(repository.Path, BareRepository.Branch,
            [
                new FileEdit("deploy/values/api.yaml", text => ValuesDocument.Parse(text).SetMarked("api", "9.9.9", MarkerPart.Tag).Text),
                new FileEdit("deploy/values/ui.yaml", text => ValuesDocument.Parse(text).Set("image.tag.broken", "x").Text),
            ], "Half an edit")));

        created.ChangedFiles.Should().Equal("deploy/values/ui.yaml");
        (await repository.ReadAsync("deploy/values/ui.yaml")).Should().Be("image:\n  tag: 0.1.0\n");
        await failing.Should().ThrowAsync<GitOpsException>()
            .WithMessage($"file://{repository.Path} (branch main): *'image.tag' is a scalar*Nothing was pushed.");
        (await repository.CommitCountAsync()).Should().Be(2);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.yaml")]
    [InlineData("deploy/../../outside.yaml")]
    [InlineData(".git/config")]
    public async Task Edits_outside_the_repository_are_refused(string path)
    {
        var request = new GitOpsRequest("/nonexistent", "main", [new FileEdit(path, text => text)], "x");

        await FluentActions.Awaiting(() => GitOpsWriter.WriteAsync(request)).Should().ThrowAsync<ArgumentException>().WithMessage($"'{path}' must be a path inside the repository*");
    }
}
