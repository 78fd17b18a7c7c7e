using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;

namespace Slipway.Delivery.Stack;

/// <summary>The endpoints a running stack offers, as written to (and read from) the sourceable stack.env.</summary>
public sealed record StackEnvironment
{
    public required string Kubeconfig { get; init; }
    /// <summary>unix:///…/docker.sock</summary>
    public required string DockerHost { get; init; }
    /// <summary>host:port of the local registry (no authentication).</summary>
    public required string Registry { get; init; }
    /// <summary>host:port of the "client" registry, which requires authentication.</summary>
    public required string TargetRegistry { get; init; }
    public required string TargetRegistryUsername { get; init; }
    public required string TargetRegistryPassword { get; init; }
    /// <summary>The helm the build uses (a tool, not a part of the stack), for shells that source stack.env.</summary>
    public required string Helm { get; init; }

    public DockerEndpoint DockerEndpoint => EngineAt(DockerHost);

    /// <summary>The stack's engine at <paramref name="host"/>, with what to do when it does not answer.</summary>
    public static DockerEndpoint EngineAt(string host) => DockerEndpoint.Given(host, "the local stack's dockerd",
        "Start the local stack with ./build.sh StackUp (./build.sh StackStatus shows each part's health).");

    public RegistryCredentials TargetRegistryCredentials => new(TargetRegistryUsername, TargetRegistryPassword);

    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["KUBECONFIG"] = Kubeconfig,
        ["DOCKER_HOST"] = DockerHost,
        ["SLIPWAY_REGISTRY"] = Registry,
        ["SLIPWAY_TARGET_REGISTRY"] = TargetRegistry,
        ["SLIPWAY_TARGET_REGISTRY_USERNAME"] = TargetRegistryUsername,
        ["SLIPWAY_TARGET_REGISTRY_PASSWORD"] = TargetRegistryPassword,
        ["HELM"] = Helm,
    };

    public string ToEnvFile() =>
        "# Written by ./build.sh StackUp. Use it with: source .nuke/temp/stack/stack.env\n" +
        string.Concat(Variables.Select(v => $"export {v.Key}={Quote(v.Value)}\n"));

    /// <summary>Reads a stack.env; null when the file does not exist.</summary>
    public static StackEnvironment? Read(string file)
    {
        if (!File.Exists(file)) return null;
        var values = File.ReadAllLines(file)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => Unquote(p[1]));
        string Value(string key) => values.GetValueOrDefault(key)
            ?? throw new InvalidOperationException($"{file} has no {key}: run ./build.sh StackUp again.");
        return new StackEnvironment
        {
            Kubeconfig = Value("KUBECONFIG"),
            DockerHost = Value("DOCKER_HOST"),
            Registry = Value("SLIPWAY_REGISTRY"),
            TargetRegistry = Value("SLIPWAY_TARGET_REGISTRY"),
            TargetRegistryUsername = Value("SLIPWAY_TARGET_REGISTRY_USERNAME"),
            TargetRegistryPassword = Value("SLIPWAY_TARGET_REGISTRY_PASSWORD"),
            Helm = Value("HELM"),
        };
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("'\\''", "'") : value;
}
