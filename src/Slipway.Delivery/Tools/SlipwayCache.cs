using Slipway.Engine;

namespace Slipway.Delivery.Tools;

/// <summary>
/// Where the build keeps what it downloads or builds once per machine (tools, Kubernetes binaries): SLIPWAY_CACHE,
/// else <c>/var/cache/slipway</c> for root, else <c>$XDG_CACHE_HOME/slipway</c> (<c>~/.cache/slipway</c>).
/// </summary>
public static class SlipwayCache
{
    public const string Variable = "SLIPWAY_CACHE";

    public static AbsolutePath Root(IReadOnlyDictionary<string, string> variables)
    {
        if (variables.GetValueOrDefault(Variable) is { Length: > 0 } chosen)
            return AbsolutePath.From(Path.GetFullPath(chosen));
        if (OperatingSystem.IsLinux() && Environment.UserName == "root") return AbsolutePath.From("/var/cache/slipway");
        if (variables.GetValueOrDefault("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg))
            return AbsolutePath.From(xdg) / "slipway";
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return AbsolutePath.From(home) / ".cache" / "slipway";
    }

    /// <summary>The root for this process's own environment variables.</summary>
    public static AbsolutePath Root() => Root(ProcessVariables());

    public static IReadOnlyDictionary<string, string> ProcessVariables() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
}
