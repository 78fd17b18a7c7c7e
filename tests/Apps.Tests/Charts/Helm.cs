using Slipway.Sample.Tests.Support;

namespace Slipway.Sample.Tests.Charts;

/// <summary>The real helm binary: env HELM, else the v3.17.2 the stack scripts install.</summary>
public static class Helm
{
    public const string DefaultPath = "/var/cache/slipway/tools/helm-v3.17.2/helm";

    public static string Path { get; } = Environment.GetEnvironmentVariable("HELM") is { Length: > 0 } path ? path : DefaultPath;

    public static async Task<ToolResult> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Path))
            throw new FileNotFoundException(
                $"helm not found at {Path}: run src/Slipway.Delivery/Stack/scripts/install-helm.sh (it prints the path) or set HELM to a helm v3 binary", Path);
        return await Tool.RunAsync(Path, arguments, new Dictionary<string, string>
        {
            // keep helm away from the user's repositories, cache and plugins
            ["HELM_CACHE_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slipway-apps-tests-helm", "cache"),
            ["HELM_CONFIG_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slipway-apps-tests-helm", "config"),
            ["HELM_DATA_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slipway-apps-tests-helm", "data"),
        }, timeout: TimeSpan.FromMinutes(2));
    }
}
