using Slipway.Engine;

namespace Slipway.LocalStack.Parts;

/// <summary>A CNCF distribution registry (Debian's docker-registry) on a loopback port, storage in the stack dir; optionally htpasswd-protected.</summary>
public sealed class RegistryPart(string part, StackPaths paths, int port, string? htpasswdFile)
    : StackPart(part, paths, "docker-registry")
{
    public override string Endpoint => $"127.0.0.1:{port}";
    protected override IEnumerable<int> Ports => [port];
    private AbsolutePath Directory => Paths.State / Name;

    public override async Task<(string? Problem, string? Version)> ProbeAsync(CancellationToken ct)
    {
        var (status, body, response) = await LoopbackHttp.GetAsync($"http://{Endpoint}/v2/", ct);
        using (response)
        {
            var version = response?.Headers.TryGetValues("Docker-Distribution-Api-Version", out var v) == true ? v.First() : null;
            var expected = htpasswdFile == null ? 200 : 401;
            return status == expected ? (null, version) : (status == null ? $"no answer: {body}" : $"GET /v2/ answered {status}, expected {expected}", version);
        }
    }

    protected override Task<(string Executable, IReadOnlyList<string> Arguments)> PrepareAsync(CancellationToken ct)
    {
        var storage = (Directory / "storage").CreateDirectory();
        var auth = htpasswdFile == null ? "" : $"""
            auth:
              htpasswd:
                realm: {Name}
                path: {htpasswdFile}
            """;
        var config = $"""
            version: 0.1
            log:
              level: info
              fields:
                service: {Name}
            storage:
              filesystem:
                rootdirectory: {storage}
              delete:
                enabled: true
            http:
              addr: {Endpoint}
              secret: {Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}
              headers:
                X-Content-Type-Options: [nosniff]
            {auth}
            """;
        (Directory / "config.yml").WriteAllTextIfChanged(config);
        return Task.FromResult<(string, IReadOnlyList<string>)>(("/usr/bin/docker-registry", ["serve", Directory / "config.yml"]));
    }
}
