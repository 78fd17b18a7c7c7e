using FluentAssertions;
using Slipway.Delivery.Images;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// A CI job's engine is fresh: an image the Dockerfile builds FROM in the (authenticated) image registry, such as a
/// component's base layer or a base image, is pulled with the registry's credentials.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class AuthenticatedFromTests(LocalStackFixture stack)
{
    [Fact]
    public async Task An_image_built_from_one_the_engine_must_pull_from_the_authenticated_registry_builds()
    {
        var prefix = "tests-auth-" + Guid.NewGuid().ToString("N")[..8];
        var from = $"{stack.Environment.TargetRegistry}/{prefix}/base";
        var debian = $"{stack.Environment.Registry}/{Slipway.LocalStack.BaseImages.DebianRepository}";
        await stack.Docker.PullAsync(debian, Slipway.LocalStack.BaseImages.DebianTag, null);
        await stack.Docker.TagAsync($"{debian}:{Slipway.LocalStack.BaseImages.DebianTag}", from, "1");
        await stack.Docker.PushAsync(from, "1", stack.Environment.TargetRegistryCredentials);
        await stack.Docker.RemoveImageAsync($"{from}:1"); // the engine has it no more
        using var app = new ThrowawayComponent("pulled")
            .Write("Dockerfile", $"FROM {from}:1\nCOPY app/ /app/\n").Write("app/a.txt", "a");
        using var registry = new RegistryClient(stack.Environment.TargetRegistry,
            stack.Environment.TargetRegistryCredentials);
        var builder = new ImageBuilder(stack.Docker, registry,
            new ImageRegistry(stack.Environment.TargetRegistry, prefix), stack.Environment.Registry, Commits.New());

        var image = await builder.BuildAsync(app.Component, CancellationToken.None);

        image.Rebuilt.Should().BeTrue("the engine pulled its FROM image with the registry's credentials");
        foreach (var tag in image.Tags.Append(image.InputsTag))
            await stack.Docker.RemoveImageAsync(image.Reference(tag));
        await stack.Docker.RemoveImageAsync($"{from}:1");
    }
}
