using System.Net;
using System.Net.Sockets;
using Slipway.Delivery.Containers;
using Slipway.LocalStack.Parts;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Containers;

/// <summary>
/// A dockerd of its own, as GitLab's docker:dind serves one: TCP on 127.0.0.1, <c>--tlsverify</c> with a CA, server
/// and client certificates made here. Its state lives under one temp folder (data root, exec root, pid file, log);
/// it is started once for the test class through the stack's spawn script, stopped by pid and deleted at the end.
/// </summary>
public sealed class TlsDockerEngineFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("slipway-tls-dockerd-").FullName;
    private readonly TestCertificates _certificates = new("engine");
    private readonly TestCertificates _otherCa = new("other");

    public TlsDockerEngineFixture()
    {
        Port = FreePort();
        ClientCertificates = _certificates.WriteClientFolder(Path.Combine(_root, "client"));
        WrongCaCertificates = _certificates.WriteClientFolder(Path.Combine(_root, "client-wrong-ca"), ca: _otherCa.Ca);
        NoClientCertificate =
            _certificates.WriteClientFolder(Path.Combine(_root, "client-no-cert"), withClientCertificate: false);
    }

    public int Port { get; }
    public string Host => $"tcp://127.0.0.1:{Port}";
    /// <summary>A DOCKER_CERT_PATH with this engine's CA and a client certificate it accepts.</summary>
    public string ClientCertificates { get; }
    /// <summary>The same client certificate, but the ca.pem of a CA that did not sign the engine's.</summary>
    public string WrongCaCertificates { get; }
    /// <summary>The right ca.pem, but no cert.pem/key.pem: the engine requires a client certificate.</summary>
    public string NoClientCertificate { get; }
    private string LogFile => Path.Combine(_root, "dockerd.log");
    private string SpawnPidFile => Path.Combine(_root, "spawn.pid");

    /// <summary>The endpoint the docker CLI would use with these variables (and this fixture's folder as HOME).
    /// </summary>
    public DockerEndpoint Endpoint(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        environment["HOME"] = _root;
        return DockerEndpoint.FromEnvironment(environment);
    }

    /// <summary>What GitLab sets for its docker:dind service with DOCKER_TLS_CERTDIR, pointed at this engine.</summary>
    public DockerEndpoint TlsEndpoint(string certPath) =>
        Endpoint(("DOCKER_HOST", Host), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", certPath));

    public async Task InitializeAsync()
    {
        var server = _certificates.WriteServerFolder(Path.Combine(_root, "server"));
        var spawn = Path.Combine(RepositoryRoot.Path, "src", "Slipway.LocalStack", "scripts", "spawn.sh");
        await ProcessRunner.RunAsync(spawn,
        [
            LogFile, SpawnPidFile, DockerEnginePart.Executable,
            "-H", Host,
            "--tlsverify", "--tlscacert", server.Ca, "--tlscert", server.Certificate, "--tlskey", server.Key,
            .. DockerEnginePart.IsolatedArguments(
                Path.Combine(_root, "data"), Path.Combine(_root, "exec"), Path.Combine(_root, "dockerd.pid")),
        ], new ProcessOptions { LogOutput = false, LogInvocation = false });

        using var engine = DockerEngine.Connect(TlsEndpoint(ClientCertificates));
        var deadline = DateTime.UtcNow + StartTimeout;
        string? problem;
        while ((problem = await engine.PingAsync()) != null)
        {
            if (DateTime.UtcNow > deadline || SpawnedPid() is not { } pid || !PosixSignals.IsAlive(pid))
                throw new InvalidOperationException(
                    $"The TLS dockerd did not answer at {Host} ({problem}). {LogFile}:\n" +
                    string.Join('\n', File.ReadLines(LogFile).TakeLast(15)));
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (Pid() is { } pid && PosixSignals.IsAlive(pid))
        {
            PosixSignals.Terminate(pid);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (PosixSignals.IsAlive(pid) && DateTime.UtcNow < deadline) await Task.Delay(100);
            if (PosixSignals.IsAlive(pid)) PosixSignals.Kill(pid);
        }
        await ProcessRunner.RunAsync("rm", ["-rf", "--one-file-system", _root],
            new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true });
        _certificates.Dispose();
        _otherCa.Dispose();
    }

    private int? SpawnedPid() =>
        File.Exists(SpawnPidFile) && int.TryParse(File.ReadAllText(SpawnPidFile).Trim(), out var pid) ? pid : null;

    /// <summary>The pid spawn.sh recorded, while that process is still this fixture's dockerd.</summary>
    private int? Pid() =>
        SpawnedPid() is { } pid && PosixSignals.CommandLine(pid) is var commandLine
        && commandLine.Contains("dockerd", StringComparison.Ordinal)
        && commandLine.Contains(_root, StringComparison.Ordinal)
            ? pid
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
