using FluentAssertions;
using Slipway.Delivery.GitOps;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>BumpValues' clone–edit–commit–push path, in-process, where many writers are cheap.</summary>
public sealed class ValuesBumperTests
{
    /// <summary>What another pipeline pushes first: a hotfix tag and another setting of the same file.</summary>
    private static string Hotfix(string text) => text.Replace("0000000", "hotfix1").Replace("IfNotPresent", "Always");

    [Fact]
    public async Task Six_writers_of_one_shared_file_in_an_empty_repository_all_land()
    {
        using var repository = await DeployRepository.CreateEmptyAsync();
        const string shared = "deploy/values/tags.yaml";
        var components = Enumerable.Range(1, 6).Select(i => $"svc{i}").ToArray();

        var results = await Task.WhenAll(components.Select(component => Task.Run(() => ValuesBumper.BumpAsync(
            new BumpRequest(repository.Path, DeployRepository.Branch, [TagBump.For(component, $"v-{component}", shared)]) { Environment = "dev" }))));

        results.Should().OnlyContain(r => r.Changed);
        (await repository.CommitCountAsync()).Should().Be(6);
        (await repository.MergeCommitsAsync()).Should().BeEmpty();
        var text = (await repository.ReadAsync(shared))!;
        var document = ValuesDocument.Parse(text);
        foreach (var component in components) document.Get($"{component}.image.tag").Should().Be($"v-{component}");
        text.Should().NotContain("<<<<<<<").And.NotContain(">>>>>>>");
        (await repository.SubjectsAsync()).Should().HaveCount(6).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Several_tags_of_one_file_make_one_commit_and_unchanged_ones_are_left_alone()
    {
        using var repository = await DeployRepository.CreateAsync(new Dictionary<string, string>
        {
            ["values.yaml"] = "# Tags\napi:\n  image:\n    tag: \"1\"\nworker:\n  image:\n    tag: \"1\"\n",
        });

        var result = await ValuesBumper.BumpAsync(new BumpRequest(repository.Path, DeployRepository.Branch,
            [TagBump.For("api", "2", "values.yaml"), TagBump.For("worker", "1", "values.yaml")]) { SkipCi = true });

        result.Changed.Should().BeTrue();
        result.Edits.Select(e => e.Changed).Should().Equal(true, false);
        (await repository.SubjectsAsync())[0].Should().Be("Bump api 1 → 2 [skip ci]");
        (await repository.ReadAsync("values.yaml")).Should().Be("# Tags\napi:\n  image:\n    tag: \"2\"\nworker:\n  image:\n    tag: \"1\"\n");
    }

    [Fact]
    public async Task A_file_that_is_not_yaml_fails_naming_the_repository_and_pushes_nothing()
    {
        using var repository = await DeployRepository.CreateAsync(new Dictionary<string, string> { ["values.yaml"] = "api: [1, 2\n" });
        var head = await repository.HeadAsync();

        var act = () => ValuesBumper.BumpAsync(new BumpRequest(repository.Path, DeployRepository.Branch, [TagBump.For("api", "2", "values.yaml")]));

        (await act.Should().ThrowAsync<Slipway.Delivery.Git.GitOpsException>())
            .WithMessage($"file://{repository.Path} (branch main): values.yaml, line *Nothing was pushed.");
        (await repository.HeadAsync()).Should().Be(head);
    }
    [Fact]
    public async Task A_push_that_loses_the_race_is_redone_on_the_new_head_and_its_message_names_the_tag_found_there()
    {
        var file = ValuesSamples.Path("c1");
        using var repository = await DeployRepository.CreateAsync(
            new Dictionary<string, string> { [file] = ValuesSamples.Marked("c1", "0000000") });
        await repository.MoveTheBranchOnPushAsync(file, Hotfix);
        var request = new BumpRequest(repository.Path, DeployRepository.Branch, [TagBump.For("c1", "t1")])
            { Environment = "dev", BaseDelay = TimeSpan.FromMilliseconds(1) };

        var result = await ValuesBumper.BumpAsync(request);

        result.Attempts.Should().Be(2, "the first push was rejected by the repository and the bump applied again");
        result.Commit.Should().Be(await repository.HeadAsync());
        (await repository.SubjectsAsync()).Should()
            .Equal("Bump c1 hotfix1 → t1 for dev", "Another pipeline's commit", "Seed the deployment repository");
        (await repository.ReadAsync(file)).Should().Be(Hotfix(ValuesSamples.Marked("c1", "t1")),
            "the bump was applied to the content the other commit left, not pushed over it");
        (await repository.MergeCommitsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_branch_that_moves_on_every_push_makes_it_give_up_after_its_attempts_and_push_nothing()
    {
        var file = ValuesSamples.Path("c1");
        using var repository = await DeployRepository.CreateAsync(
            new Dictionary<string, string> { [file] = ValuesSamples.Marked("c1", "0000000") });
        await repository.MoveTheBranchOnPushAsync("deploy/values/common.yaml", _ => "replicas: 2\n", everyPush: true);

        var request = new BumpRequest(repository.Path, DeployRepository.Branch, [TagBump.For("c1", "t1")])
            { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };

        var act = () => ValuesBumper.BumpAsync(request);

        (await act.Should().ThrowAsync<Slipway.Delivery.Git.GitOpsException>()).Which.Message.Should()
            .StartWith($"Could not push to file://{repository.Path} (branch main): it was rejected 3 times")
            .And.EndWith("Nothing was pushed; run again.");
        (await repository.SubjectsAsync()).Should()
            .Equal(Enumerable.Repeat("Another pipeline's commit", 3).Append("Seed the deployment repository"),
                "each of the three pushes was rejected, and none of them landed");
        (await repository.ReadAsync(file)).Should().Be(ValuesSamples.Marked("c1", "0000000"));
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("deploy/../../outside.yaml")]
    [InlineData("/etc/passwd")]
    [InlineData(".git/config")]
    [InlineData("deploy/.git/hooks/update")]
    public async Task A_values_file_outside_the_repository_is_refused_before_anything_is_cloned(string path)
    {
        using var repository = await DeployRepository.CreateAsync();
        var head = await repository.HeadAsync();

        var request = new BumpRequest(repository.Path, DeployRepository.Branch, [TagBump.For("c1", "t1", path)]);

        var act = () => ValuesBumper.BumpAsync(request);

        await act.Should().ThrowAsync<ArgumentException>()
            .WithMessage($"'{path}' must be a path inside the repository, relative to its root.*");
        (await repository.HeadAsync()).Should().Be(head);
    }
}
