using FluentAssertions;
using Slipway.Delivery.Git;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Git;

/// <summary>Many pipelines releasing at once: every update lands, none is lost, history stays linear.</summary>
[Collection(GitTestCollection.Name)]
public sealed class ConcurrentWritersTests
{
    private static readonly string[] Components = Enumerable.Range(1, 16).Select(i => $"svc-{i:00}").ToArray();
    private static readonly string[] SharedKeys = Enumerable.Range(1, 6).Select(i => $"shared{i}").ToArray();

    /// <summary>
    /// Each rejection means another writer landed, so a writer is rejected at most (writers - 1) times: with this many
    /// attempts every writer must land, however the race goes on a loaded machine.
    /// </summary>
    private const int Writers = 22;

    [Fact]
    public async Task Twenty_two_concurrent_writers_all_land_without_merges_or_lost_updates()
    {
        using var repository = await BareRepository.CreateAsync(DeployLayout.Seed(Components, SharedKeys));
        var ownFileWriters = Components.Select(component => new GitOpsRequest(repository.Path, BareRepository.Branch,
            [new FileEdit(DeployLayout.ComponentFile(component), text => ValuesDocument.Parse(text).SetMarked(component, "2.0.0", MarkerPart.Tag).Text)],
            $"Deploy {component} 2.0.0") { MaxAttempts = Writers });
        var sharedFileWriters = SharedKeys.Select(key => new GitOpsRequest(repository.Path, BareRepository.Branch,
            [new FileEdit(DeployLayout.SharedFile, text => ValuesDocument.Parse(text).Set($"components.{key}.tag", "2.0.0").Text)],
            $"Deploy {key} 2.0.0") { MaxAttempts = Writers });

        var results = await Task.WhenAll(ownFileWriters.Concat(sharedFileWriters)
            .Select(request => Task.Run(() => GitOpsWriter.WriteAsync(request))));

        results.Should().HaveCount(22).And.OnlyContain(r => r.Changed);
        results.Select(r => r.Commit).Should().OnlyHaveUniqueItems();
        results.Sum(r => r.Attempts).Should().BeGreaterThan(22, "writers that raced must have been rejected and retried");
        foreach (var component in Components)
            (await repository.ReadAsync(DeployLayout.ComponentFile(component))).Should().Be(DeployLayout.ComponentValues(component, "2.0.0"));
        (await repository.ReadAsync(DeployLayout.SharedFile)).Should().Be(DeployLayout.SharedValues(SharedKeys)
            .Replace("tag: 1.0.0 #", "tag: 2.0.0 #"), "each of the six keys was bumped once and nothing else changed");
        (await repository.ReadAsync("deploy/values.yaml")).Should().NotContain("<<<<<<<").And.NotContain(">>>>>>>");
        (await repository.MergeCommitsAsync()).Should().BeEmpty();
        (await repository.CommitCountAsync()).Should().Be(1 + 22);
        (await repository.LogAsync("%s")).Split('\n').Should().OnlyHaveUniqueItems().And.HaveCount(23);
    }
}
