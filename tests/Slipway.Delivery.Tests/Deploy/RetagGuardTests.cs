using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// Retag into a protected environment's registry passes the guards its deploy does: from this checkout (no prod.v*
/// tag on HEAD) `./build.sh Retag --env prod` refuses, and the target registry receives nothing.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class RetagGuardTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Retag_for_prod_from_an_untagged_commit_is_refused_and_copies_nothing()
    {
        var prefix = "retag-guard-" + Guid.NewGuid().ToString("N")[..8];

        var run = await BuildCommand.RunAsync("Retag", "--env", "prod", "--target-registry",
            $"{stack.Environment.Registry}/{prefix}");

        run.ExitCode.Should().NotBe(0, run.StandardOutput);
        var output = ConsoleText.OneLine(run.StandardOutput);
        output.Should().Contain("Environment 'prod' refuses this run; nothing was changed")
            .And.Contain("carries no tag matching prod.v*");
        using var registry = new RegistryClient(stack.Environment.Registry);
        foreach (var component in new[] { "orders-api", "orders-worker", "web-ui" })
            (await registry.ListTagsAsync($"{prefix}/{component}")).Should().BeEmpty(component);
    }
}
