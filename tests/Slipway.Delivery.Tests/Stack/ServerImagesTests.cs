using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Stack;
using Slipway.LocalStack;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>
/// StackUp's server images, PostgreSQL 15 and RabbitMQ 3.10 from Debian (the base release's images build FROM them and
/// run in tests/Apps.Tests/Servers).
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ServerImagesTests(LocalStackFixture stack)
{
    [Fact]
    public async Task The_stack_pushed_both_server_images_with_their_servers_inside()
    {
        using var registry = new RegistryClient(stack.Environment.Registry);
        foreach (var image in ServerImages.All)
            (await registry.HeadManifestAsync(image.Repository,
                image.Tag)).Should().NotBeNull($"{image.Repository}:{image.Tag} is pushed");

        foreach (var image in ServerImages.All)
            (await stack.Docker.InspectImageAsync($"{stack.Environment.Registry}/{image.Repository}:{image.Tag}"))
                .Should().NotBeNull("StackUp imported it into the stack's dockerd");
    }
}
