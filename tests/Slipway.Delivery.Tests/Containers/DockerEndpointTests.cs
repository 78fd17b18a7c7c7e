using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Slipway.Delivery.Containers;
using Xunit;

namespace Slipway.Delivery.Tests.Containers;

/// <summary>The engine the docker CLI would use, from variables and a home folder this test writes.</summary>
public sealed class DockerEndpointTests : IDisposable
{
    private static readonly string[] TlsFiles = ["ca.pem", "cert.pem", "key.pem"];
    private readonly string _home = Directory.CreateTempSubdirectory("slipway-docker-home-").FullName;
    private string DockerFolder => Path.Combine(_home, ".docker");

    [Fact]
    public void With_nothing_set_it_is_the_default_socket_without_TLS()
    {
        var endpoint = Resolve();

        endpoint.Host.Should().Be("unix:///var/run/docker.sock");
        endpoint.SocketPath.Should().Be("/var/run/docker.sock");
        endpoint.Tls.Should().BeNull();
        endpoint.Origin.Should().Contain("default");
    }

    [Fact]
    public void DOCKER_HOST_names_a_unix_socket_or_a_tcp_engine()
    {
        Resolve(("DOCKER_HOST", "unix:///run/user/1000/docker.sock")).SocketPath
            .Should().Be("/run/user/1000/docker.sock");
        var tcp = Resolve(("DOCKER_HOST", "tcp://10.0.0.5:2375"));

        tcp.Host.Should().Be("tcp://10.0.0.5:2375");
        tcp.IsUnixSocket.Should().BeFalse();
        tcp.Tls.Should().BeNull();
        tcp.Origin.Should().Be("DOCKER_HOST");
    }

    [Fact]
    public void DOCKER_TLS_VERIFY_takes_the_certificates_from_DOCKER_CERT_PATH()
    {
        var certs = Directory.CreateDirectory(Path.Combine(_home, "certs", "client")).FullName;

        var endpoint = Resolve(("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", certs));

        endpoint.Host.Should().Be("tcp://docker:2376");
        endpoint.Tls!.VerifyServer.Should().BeTrue();
        endpoint.Tls.CaFile.Should().Be(Path.Combine(certs, "ca.pem"));
        endpoint.Tls.CertificateFile.Should().Be(Path.Combine(certs, "cert.pem"));
        endpoint.Tls.KeyFile.Should().Be(Path.Combine(certs, "key.pem"));
        endpoint.ToString().Should().Contain("DOCKER_CERT_PATH").And.Contain(certs);
    }

    [Fact]
    public void Without_DOCKER_CERT_PATH_the_certificates_are_in_the_docker_config_folder()
    {
        Directory.CreateDirectory(DockerFolder);

        Resolve(("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_VERIFY", "1"))
            .Tls!.Directory.Should().Be(DockerFolder);

        var config = Directory.CreateDirectory(Path.Combine(_home, "elsewhere")).FullName;
        Resolve(("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CONFIG", config))
            .Tls!.Directory.Should().Be(config);
    }

    [Fact]
    public void DOCKER_TLS_without_DOCKER_TLS_VERIFY_is_TLS_that_does_not_verify_the_engine()
    {
        Directory.CreateDirectory(DockerFolder);

        Resolve(("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS", "1")).Tls!.VerifyServer.Should().BeFalse();
    }

    [Fact]
    public void A_tcp_host_without_a_port_gets_the_docker_CLI_default_port()
    {
        Directory.CreateDirectory(DockerFolder);

        Resolve(("DOCKER_HOST", "tcp://docker")).Host.Should().Be("tcp://docker:2375");
        Resolve(("DOCKER_HOST", "tcp://docker"), ("DOCKER_TLS_VERIFY", "1")).Host.Should().Be("tcp://docker:2376");
    }

    [Fact]
    public void A_missing_certificate_folder_is_named_with_the_variables_that_set_it()
    {
        var missing = Path.Combine(_home, "no-such-certs");

        var resolve = () => Resolve(("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", missing));

        resolve.Should().Throw<DockerEndpointException>()
            .Which.Message.Should().Contain(missing).And.Contain("DOCKER_CERT_PATH").And.Contain("DOCKER_TLS_VERIFY");
    }

    [Theory]
    [InlineData("ssh://me@build-host", "ssh://")]
    [InlineData("/var/run/docker.sock", "unix:///path")]
    [InlineData("http://docker:2375", "tcp://host:port")]
    [InlineData("tcp://docker:2376/some/path", "tcp://host:port")]
    public void An_unsupported_DOCKER_HOST_is_refused_with_what_to_use(string host, string hint)
    {
        var resolve = () => Resolve(("DOCKER_HOST", host));

        resolve.Should().Throw<DockerEndpointException>()
            .Which.Message.Should().Contain("DOCKER_HOST").And.Contain(host).And.Contain(hint);
    }

    [Fact]
    public void DOCKER_CONTEXT_names_a_context_whose_endpoint_and_TLS_files_are_in_the_context_store()
    {
        var tls = WriteContext("ci", "tcp://build-engine:2376", withTls: true);

        var endpoint = Resolve(("DOCKER_CONTEXT", "ci"));

        endpoint.Host.Should().Be("tcp://build-engine:2376");
        endpoint.Tls!.Directory.Should().Be(tls);
        endpoint.Tls.VerifyServer.Should().BeTrue();
        endpoint.Origin.Should().Contain("'ci'").And.Contain("DOCKER_CONTEXT");
    }

    [Fact]
    public void The_current_context_of_config_json_applies_when_DOCKER_CONTEXT_is_unset()
    {
        WriteContext("remote", "tcp://remote-engine:2375", withTls: false);
        File.WriteAllText(Path.Combine(DockerFolder, "config.json"), """{ "auths": {}, "currentContext": "remote" }""");

        var endpoint = Resolve();

        endpoint.Host.Should().Be("tcp://remote-engine:2375");
        endpoint.Tls.Should().BeNull();
        endpoint.Origin.Should().Contain("currentContext");
    }

    [Fact]
    public void A_context_marked_SkipTLSVerify_uses_TLS_without_verifying_the_engine()
    {
        WriteContext("lab", "tcp://lab:2376", withTls: true, skipTlsVerify: true);

        Resolve(("DOCKER_CONTEXT", "lab")).Tls!.VerifyServer.Should().BeFalse();
    }

    [Fact]
    public void DOCKER_HOST_wins_over_a_context_and_the_default_context_is_the_default_socket()
    {
        WriteContext("ci", "tcp://build-engine:2376", withTls: true);

        Resolve(("DOCKER_HOST", "tcp://other:2375"), ("DOCKER_CONTEXT", "ci")).Host.Should().Be("tcp://other:2375");
        Resolve(("DOCKER_CONTEXT", "default")).Host.Should().Be(DockerEndpoint.DefaultHost);
    }

    [Fact]
    public void A_context_that_does_not_exist_is_named_with_the_file_that_is_missing()
    {
        var resolve = () => Resolve(("DOCKER_CONTEXT", "gone"));

        resolve.Should().Throw<DockerEndpointException>()
            .Which.Message.Should().Contain("'gone'").And.Contain("DOCKER_CONTEXT").And.Contain(ContextId("gone"))
            .And.Contain("docker context ls");
    }

    [Fact]
    public void Certificate_files_that_cannot_be_read_are_named_when_connecting()
    {
        var certs = Directory.CreateDirectory(Path.Combine(_home, "certs")).FullName;
        foreach (var file in TlsFiles) File.WriteAllText(Path.Combine(certs, file), "not a certificate");
        var endpoint = Resolve(("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", certs));

        var connect = () => DockerEngine.Connect(endpoint);

        connect.Should().Throw<DockerEndpointException>()
            .Which.Message.Should().Contain(Path.Combine(certs, "cert.pem"))
            .And.Contain("ca.pem, cert.pem and key.pem");
    }

    [Fact]
    public void Only_DOCKER_HOST_or_DOCKER_CONTEXT_count_as_choosing_an_engine()
    {
        DockerEndpoint.IsConfigured(Variables(("DOCKER_HOST", "tcp://docker:2375"))).Should().BeTrue();
        DockerEndpoint.IsConfigured(Variables(("DOCKER_CONTEXT", "ci"))).Should().BeTrue();
        DockerEndpoint.IsConfigured(Variables(("DOCKER_HOST", ""), ("DOCKER_TLS_VERIFY", "1"))).Should().BeFalse();
    }

    private DockerEndpoint Resolve(params (string Name, string Value)[] variables) =>
        DockerEndpoint.FromEnvironment(Variables([("HOME", _home), .. variables]));

    private static Dictionary<string, string> Variables(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>Writes a context as `docker context create` does; returns its TLS folder.</summary>
    private string WriteContext(string name, string host, bool withTls, bool skipTlsVerify = false)
    {
        var meta = Directory.CreateDirectory(Path.Combine(DockerFolder, "contexts", "meta", ContextId(name))).FullName;
        File.WriteAllText(Path.Combine(meta, "meta.json"), JsonSerializer.Serialize(new
        {
            Name = name,
            Metadata = new { },
            Endpoints = new { docker = new { Host = host, SkipTLSVerify = skipTlsVerify } },
        }));
        var tls = Path.Combine(DockerFolder, "contexts", "tls", ContextId(name), "docker");
        if (withTls)
        {
            Directory.CreateDirectory(tls);
            foreach (var file in TlsFiles) File.WriteAllText(Path.Combine(tls, file), "");
        }
        return tls;
    }

    private static string ContextId(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
