using FluentAssertions;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Containers;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class RegistryAndDockerTests(LocalStackFixture stack)
{
    [Fact]
    public async Task An_image_pushed_through_dockerd_is_listed_by_the_registry_and_pulls_back()
    {
        var repository = $"{stack.Environment.Registry}/tests/push-pull";
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        await stack.Docker.TagAsync(stack.BaseImage, repository, tag);

        var pushedDigest = await stack.Docker.PushAsync(repository, tag, null);
        await stack.Docker.RemoveImageAsync($"{repository}:{tag}");
        (await stack.Docker.InspectImageAsync($"{repository}:{tag}")).Should().BeNull();
        await stack.Docker.PullAsync(repository, tag, null);

        using var registry = new RegistryClient(stack.Environment.Registry);
        (await registry.ListTagsAsync("tests/push-pull")).Should().Contain(tag);
        (await registry.HeadManifestAsync("tests/push-pull", tag))!.Digest.Should().Be(pushedDigest);
        (await stack.Docker.InspectImageAsync($"{repository}:{tag}")).Should().NotBeNull();
    }

    [Fact]
    public async Task The_client_registry_refuses_anonymous_pushes_and_accepts_its_credentials()
    {
        var repository = $"{stack.Environment.TargetRegistry}/tests/auth";
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        await stack.Docker.TagAsync(stack.BaseImage, repository, tag);

        var anonymous = () => stack.Docker.PushAsync(repository, tag, null);
        (await anonymous.Should().ThrowAsync<DockerException>()).Which.Message.Should().ContainAny("no basic auth credentials", "unauthorized", "authentication required");

        var wrong = () => stack.Docker.PushAsync(repository, tag, new RegistryCredentials(stack.Environment.TargetRegistryUsername, "wrong-password"));
        await wrong.Should().ThrowAsync<DockerException>();

        var digest = await stack.Docker.PushAsync(repository, tag, stack.Environment.TargetRegistryCredentials);
        using var authenticated = new RegistryClient(stack.Environment.TargetRegistry, stack.Environment.TargetRegistryCredentials);
        (await authenticated.HeadManifestAsync("tests/auth", tag))!.Digest.Should().Be(digest);

        using var anonymousClient = new RegistryClient(stack.Environment.TargetRegistry);
        var read = () => anonymousClient.HeadManifestAsync("tests/auth", tag);
        (await read.Should().ThrowAsync<RegistryException>()).Which.Status.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        await stack.Docker.RemoveImageAsync($"{repository}:{tag}");
    }

    [Fact]
    public async Task A_build_pulls_its_base_image_from_the_client_registry_with_the_request_credentials()
    {
        var repository = $"{stack.Environment.TargetRegistry}/tests/auth-base";
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        await stack.Docker.TagAsync(stack.BaseImage, repository, tag);
        await stack.Docker.PushAsync(repository, tag, stack.Environment.TargetRegistryCredentials);
        await stack.Docker.RemoveImageAsync($"{repository}:{tag}");
        var built = $"{stack.Environment.Registry}/tests/auth-built:{tag}";
        DockerBuildRequest Request(bool withCredentials) => new()
        {
            Tags = [built],
            Pull = true,
            RegistryAuth = withCredentials
                ? new Dictionary<string, RegistryCredentials>
                {
                    [stack.Environment.TargetRegistry] = stack.Environment.TargetRegistryCredentials,
                }
                : new Dictionary<string, RegistryCredentials>(),
        };
        async Task<string> Build(bool withCredentials)
        {
            using var context = await TarContext.OfAsync(("Dockerfile", $"FROM {repository}:{tag}\n"));
            return await stack.Docker.BuildAsync(Request(withCredentials), context);
        }

        var anonymous = () => Build(withCredentials: false);
        (await anonymous.Should().ThrowAsync<DockerBuildException>()).Which.Message
            .Should().Contain($"FROM {repository}:{tag}").And.ContainAny("no basic auth credentials", "unauthorized");
        var id = await Build(withCredentials: true);

        (await stack.Docker.InspectImageAsync(built))!.Id.Should().Be(id);
        await stack.Docker.RemoveImageAsync(built);
        await stack.Docker.RemoveImageAsync($"{repository}:{tag}");
    }

    [Fact]
    public async Task The_engine_reports_its_version_and_answers_ping()
    {
        (await stack.Docker.PingAsync()).Should().BeNull();
        (await stack.Docker.VersionAsync()).ApiVersion.Should().Be("1.41");
    }
}
