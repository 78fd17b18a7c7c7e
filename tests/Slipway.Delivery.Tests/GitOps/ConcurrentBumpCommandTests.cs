using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>Twelve pipelines release at the same moment, each running <c>./build.sh BumpValues</c> for its own component.</summary>
[Collection(BuildScriptCollection.Name)]
public sealed class ConcurrentBumpCommandTests(ITestOutputHelper output)
{
    private static readonly string[] Components = Enumerable.Range(1, 12).Select(i => $"c{i}").ToArray();

    [Fact]
    public async Task Twelve_commands_started_at_once_all_land_in_a_linear_history()
    {
        // Half the components have a tag file already, half get one created: both kinds of edit race.
        var existing = Components.Take(6).ToList();
        using var repository = await DeployRepository.CreateAsync(existing.ToDictionary(ValuesSamples.Path, c => ValuesSamples.Marked(c, "0000000")));
        // Whatever the timing, the first push to arrive loses a race: the retry path runs in at least one command.
        await repository.MoveTheBranchOnPushAsync("deploy/values/common.yaml", _ => "replicaCount: 2\n");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runs = Components.Select(component => Task.Run(async () =>
        {
            await start.Task;
            return await BuildScript.RunAsync(timeout.Token, "BumpValues", "--skip", "--deploy-repo", repository.Url, "--deploy-branch", DeployRepository.Branch,
                "--component", component, "--tag", $"t-{component}");
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(runs);

        foreach (var (component, run) in Components.Zip(results))
            run.ExitCode.Should().Be(0, $"{component}: {run}");
        var retried = results.Where(r => r.Says("the push was rejected because the branch moved")).ToList();
        output.WriteLine($"{retried.Count} of 12 commands had a push rejected and bumped again on the new head.");
        retried.Should().NotBeEmpty("the first push to arrive was rejected, so at least one command retried");
        retried.Should().OnlyContain(r => Regex.IsMatch(r.Squashed, @"after\d+attempts"), "it says how many it took");
        foreach (var component in Components)
            (await repository.ReadAsync(ValuesSamples.Path(component))).Should().Be(existing.Contains(component)
                ? ValuesSamples.Marked(component, $"t-{component}")
                : ValuesSamples.Created(component, $"t-{component}"), $"{component}'s bump must have landed");
        (await repository.CommitCountAsync()).Should().Be(1 + 1 + 12, "the seed, the other's, one per command");
        (await repository.ReadAsync("deploy/values/common.yaml")).Should()
            .Be("replicaCount: 2\n", "no command pushed over the other commit");
        (await repository.MergeCommitsAsync()).Should().BeEmpty();
        var subjects = await repository.SubjectsAsync();
        subjects.Take(13).Should().OnlyHaveUniqueItems();
        foreach (var component in Components)
            subjects.Should().ContainSingle(s => s.StartsWith($"Bump {component} ", StringComparison.Ordinal) && s.Contains($"→ t-{component}"));
    }
}
