using FluentAssertions;
using Slipway.Delivery.GitOps;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>The clone–edit–commit–push loop on its own, in-process, where many writers are cheap.</summary>
public sealed class ValuesBumperTests
{
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
}
