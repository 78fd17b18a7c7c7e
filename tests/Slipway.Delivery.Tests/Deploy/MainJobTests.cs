using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>The README's main job, `./build.sh DeployApps --env local`, end to end on the local stack.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class MainJobTests(LocalStackFixture stack)
{
    [Fact]
    public async Task DeployApps_local_deploys_every_release_ready_with_digests_and_a_second_run_changes_nothing()
    {
        var first = await BuildCommand.RunAsync("DeployApps", "--env", "local", "--skip", "Compile");
        first.ExitCode.Should().Be(0, first.StandardOutput + first.StandardError);

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "artifacts", "deploy-local.json")))!;
        var releases = report["releases"]!.AsArray();
        releases.Select(r => r!["release"]!.GetValue<string>()).Should().Equal("base", "apps");
        foreach (var release in releases)
        {
            release!["result"]!.GetValue<string>().Should().BeOneOf("installed", "upgraded", "unchanged");
            release["images"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(i => i!["digest"]!.GetValue<string>().StartsWith("sha256:"));
        }
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "artifacts", "deploy-local.md")).Should().Contain("| apps |").And.Contain("sha256:");
        var helm = stack.Helm;
        var revisions = new[] { (await helm.StatusAsync("base", "slipway-local"))!.Revision, (await helm.StatusAsync("apps", "slipway-local"))!.Revision };
        foreach (var deployment in await stack.Kubernetes.ListAsync(Slipway.Delivery.Kubernetes.KubernetesResources.Deployments("slipway-local")))
            deployment["status"]!["availableReplicas"]!.GetValue<int>().Should().Be(deployment["spec"]!["replicas"]!.GetValue<int>());

        var second = await BuildCommand.RunAsync("DeployApps", "--env", "local", "--skip", "Compile");

        second.ExitCode.Should().Be(0, second.StandardOutput);
        second.StandardOutput.Should().Contain("base: unchanged").And.Contain("apps: unchanged").And.Contain("0 rebuilt");
        (await helm.StatusAsync("base", "slipway-local"))!.Revision.Should().Be(revisions[0]);
        (await helm.StatusAsync("apps", "slipway-local"))!.Revision.Should().Be(revisions[1]);
    }
}
