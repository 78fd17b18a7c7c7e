using Slipway.Delivery.Helm;
using Slipway.Delivery.Tools;
using Slipway.Sample.Tests.Support;

namespace Slipway.Sample.Tests.Charts;

/// <summary>The real helm the build uses: HELM, else helm on PATH, else the pinned release it installs.</summary>
public static class Helm
{
    public static string Path => HelmTool.Resolve(SlipwayCache.ProcessVariables()).Path;

    public static Task<ToolResult> RunAsync(params string[] arguments) =>
        Tool.RunAsync(Path, arguments, new Dictionary<string, string>
        {
            // keep helm away from the user's repositories, cache and plugins
            ["HELM_CACHE_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slipway-apps-tests-helm", "cache"),
            ["HELM_CONFIG_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slipway-apps-tests-helm", "config"),
            ["HELM_DATA_HOME"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "slipway-apps-tests-helm", "data"),
        }, timeout: TimeSpan.FromMinutes(2));
}
