using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Slipway.Delivery.Containers;

/// <summary>
/// The docker CLI's context store under its config folder: <c>contexts/meta/&lt;sha256 of name&gt;/meta.json</c>
/// (Endpoints.docker.Host, SkipTLSVerify) and the TLS files under <c>contexts/tls/&lt;sha256&gt;/docker/</c>.
/// </summary>
public sealed class DockerContexts(string configDirectory)
{
    public const string DefaultName = "default";

    public string ConfigFile => Path.Combine(configDirectory, "config.json");

    /// <summary>The context DOCKER_CONTEXT names, else config.json's currentContext; null for "default" or none.
    /// </summary>
    public DockerContext? Current(string? fromVariable)
    {
        var (name, origin) = fromVariable != null
            ? (fromVariable, "DOCKER_CONTEXT")
            : (CurrentContext(), $"currentContext in {ConfigFile}");
        return name is null or DefaultName ? null : Read(name, origin);
    }

    private string? CurrentContext()
    {
        if (!File.Exists(ConfigFile)) return null;
        try
        {
            using var config = JsonDocument.Parse(File.ReadAllText(ConfigFile));
            return config.RootElement.ValueKind == JsonValueKind.Object
                   && config.RootElement.TryGetProperty("currentContext", out var current)
                   && current.ValueKind == JsonValueKind.String && current.GetString() is { Length: > 0 } name
                ? name
                : null;
        }
        catch (JsonException e)
        {
            throw new DockerEndpointException($"{ConfigFile} is not valid JSON ({e.Message}): fix or delete it.");
        }
    }

    private DockerContext Read(string name, string origin)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var meta = Path.Combine(configDirectory, "contexts", "meta", id, "meta.json");
        var description = $"docker context '{name}' ({origin})";
        if (!File.Exists(meta))
            throw new DockerEndpointException(
                $"The {description} does not exist: {meta} is missing. `docker context ls` lists the contexts; name " +
                "one of them in DOCKER_CONTEXT, or set DOCKER_HOST.");
        string? host;
        bool skipVerify;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(meta));
            var docker = document.RootElement.GetProperty("Endpoints").GetProperty("docker");
            host = docker.TryGetProperty("Host", out var h) && h.ValueKind == JsonValueKind.String
                ? h.GetString()
                : null;
            skipVerify = docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DockerEndpointException(
                $"The {description} cannot be read from {meta}: it needs Endpoints.docker.Host ({e.Message}). " +
                "Recreate the context with `docker context create`.");
        }
        if (string.IsNullOrEmpty(host))
            throw new DockerEndpointException(
                $"The {description} has no Endpoints.docker.Host in {meta}: recreate it with " +
                "`docker context create --docker host=...`.");
        var tlsDirectory = Path.Combine(configDirectory, "contexts", "tls", id, "docker");
        var tls = Directory.Exists(tlsDirectory) || skipVerify
            ? new DockerTls(tlsDirectory, $"the TLS folder of docker context '{name}'", VerifyServer: !skipVerify)
            : null;
        return new DockerContext(name, description, host, meta, tls);
    }
}
