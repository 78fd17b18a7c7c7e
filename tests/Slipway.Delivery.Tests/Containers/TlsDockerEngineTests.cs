using FluentAssertions;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Containers;

/// <summary>
/// A TLS-only engine reached as GitLab CI reaches docker:dind (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH):
/// it builds and pushes to the local stack's registry; wrong or missing TLS settings fail with what to fix.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class TlsDockerEngineTests(LocalStackFixture stack, TlsDockerEngineFixture engine)
    : IClassFixture<TlsDockerEngineFixture>
{
    private readonly CancellationToken _token = new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    [Fact]
    public async Task An_image_built_over_TLS_is_pushed_to_the_stack_registry()
    {
        using var docker = DockerEngine.Connect(engine.TlsEndpoint(engine.ClientCertificates));
        var repository = $"tests/tls-{Guid.NewGuid():N}"[..22];
        var content = Guid.NewGuid().ToString();
        using var context = await TarContext.OfAsync(
            ("Dockerfile", "FROM scratch\nCOPY hello.txt /\nLABEL io.slipway.test=tls\n"), ("hello.txt", content));
        var output = new List<string>();

        var request = new DockerBuildRequest { Tags = [$"{stack.Environment.Registry}/{repository}:1.0"] };
        var id = await docker.BuildAsync(request, context, output.Add, _token);
        var digest = await docker.PushAsync($"{stack.Environment.Registry}/{repository}", "1.0", null, ct: _token);

        (await docker.VersionAsync(_token)).ApiVersion.Should().NotBeEmpty();
        output.Should().Contain(l => l.StartsWith("Step 2/3 : COPY hello.txt /", StringComparison.Ordinal));
        (await docker.InspectImageAsync($"{stack.Environment.Registry}/{repository}:1.0", _token))!.Id.Should().Be(id);
        using var registry = new RegistryClient(stack.Environment.Registry);
        digest.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        (await registry.HeadManifestAsync(repository, "1.0", _token))!.Digest.Should().Be(digest);
    }

    [Fact]
    public async Task A_wrong_CA_fails_the_handshake_naming_the_endpoint_the_variables_and_the_CA_file()
    {
        using var docker = DockerEngine.Connect(engine.TlsEndpoint(engine.WrongCaCertificates));

        var version = () => docker.VersionAsync(_token);

        var message = (await version.Should().ThrowAsync<DockerEndpointException>()).Which.Message;
        message.Should().Contain("TLS handshake").And.Contain(engine.Host)
            .And.Contain("DOCKER_HOST").And.Contain("DOCKER_CERT_PATH")
            .And.Contain($"not signed by the CA in {Path.Combine(engine.WrongCaCertificates, "ca.pem")}");
        (await docker.PingAsync(_token)).Should().Be(message);
    }

    [Fact]
    public async Task An_engine_refusing_a_client_without_certificate_is_a_TLS_failure_naming_the_folder()
    {
        using var docker = DockerEngine.Connect(engine.TlsEndpoint(engine.NoClientCertificate));

        var version = () => docker.VersionAsync(_token);

        (await version.Should().ThrowAsync<DockerEndpointException>()).Which.Message
            .Should().Contain("TLS handshake").And.Contain("client certificate")
            .And.Contain(engine.NoClientCertificate);
    }

    [Fact]
    public async Task Plain_HTTP_to_the_TLS_engine_says_to_set_DOCKER_TLS_VERIFY_and_DOCKER_CERT_PATH()
    {
        using var docker = DockerEngine.Connect(engine.Endpoint(("DOCKER_HOST", engine.Host)));

        var version = () => docker.VersionAsync(_token);

        (await version.Should().ThrowAsync<DockerEndpointException>()).Which.Message
            .Should().Contain(engine.Host).And.Contain("expects TLS")
            .And.Contain("DOCKER_TLS_VERIFY=1").And.Contain("DOCKER_CERT_PATH");
    }
}
