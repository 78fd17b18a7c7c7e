using FluentAssertions;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Containers;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>An image the Docker engine built and pushed, relocated by the copier, is what the engine pulls back from the client registry.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class EngineImageRelocationTests(LocalStackFixture stack) : IDisposable
{
    private readonly TwoRegistries _registries = new(stack);

    [Fact]
    public async Task An_image_built_and_pushed_by_the_engine_relocates_and_pulls_back_by_digest()
    {
        var repository = _registries.Repository("built");
        var source = $"{stack.Environment.Registry}/{repository}";
        var relocated = $"{stack.Environment.TargetRegistry}/{repository}";
        using var context = await TarContext.OfAsync(("Dockerfile", "FROM scratch\nCOPY hello.txt /\n"), ("hello.txt", Guid.NewGuid().ToString()));
        await stack.Docker.BuildAsync(new DockerBuildRequest { Tags = [source + ":1.0"] }, context, ct: _registries.Token);
        var pushed = await stack.Docker.PushAsync(source, "1.0", null, ct: _registries.Token);
        // the engine forgets the image: pulling it back must fetch every part from the client registry
        await stack.Docker.RemoveImageAsync(source + ":1.0", _registries.Token);

        var result = await new ImageCopier(_registries.Source, _registries.Target).CopyAsync(repository, "1.0", repository, "1.0", ct: _registries.Token);
        await stack.Docker.PullAsync(relocated, result.TargetDigest, stack.Environment.TargetRegistryCredentials, ct: _registries.Token);

        result.TargetDigest.Should().Be(pushed);
        (await stack.Docker.InspectImageAsync($"{relocated}@{pushed}", _registries.Token)).Should().NotBeNull();
        await stack.Docker.RemoveImageAsync($"{relocated}@{pushed}", _registries.Token);
    }

    public void Dispose() => _registries.Dispose();
}
