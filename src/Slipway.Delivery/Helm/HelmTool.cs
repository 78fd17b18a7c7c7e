using System.Collections.Concurrent;
using Slipway.Delivery.Tools;
using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>
/// Finds the helm a run uses, once per process: HELM (a path, or a name on PATH), else helm on PATH, else the pinned
/// release the build installs itself (<see cref="PinnedHelm.Default"/>). Helm older than
/// <see cref="HelmVersion.Minimum"/> is refused when HELM names it, and passed over when it is only on PATH.
/// </summary>
public static class HelmTool
{
    public const string Variable = "HELM";

    private static readonly ConcurrentDictionary<string, Lazy<HelmClient>> Resolved = new();

    private static string Supported => $"{HelmVersion.Minimum.ToString(2)} or later";

    /// <summary>The helm for these variables (HELM, PATH, SLIPWAY_CACHE), resolved on first use.</summary>
    public static HelmClient Resolve(IReadOnlyDictionary<string, string> variables)
    {
        var key = string.Join('\n', variables.GetValueOrDefault(Variable), variables.GetValueOrDefault("PATH"),
            SlipwayCache.Root(variables));
        return Resolved.GetOrAdd(key, _ => new Lazy<HelmClient>(() => ResolveAsync(variables).GetAwaiter().GetResult()))
            .Value;
    }

    /// <summary>The installer for these variables' cache, e.g. to install another pinned release.</summary>
    public static HelmInstaller Installer(IReadOnlyDictionary<string, string> variables) =>
        new(SlipwayCache.Root(variables), variables.GetValueOrDefault("PATH"));

    private static async Task<HelmClient> ResolveAsync(IReadOnlyDictionary<string, string> variables)
    {
        var path = variables.GetValueOrDefault("PATH");
        if (variables.GetValueOrDefault(Variable) is { Length: > 0 } chosen) return await ChosenAsync(chosen, path);
        if (ToolResolver.Find("helm", path) is { } onPath)
        {
            var version = await HelmVersion.ReadAsync(onPath);
            if (version != null && version >= HelmVersion.Minimum)
            {
                Log.Debug($"helm {version}: {onPath} (PATH)");
                return new HelmClient(onPath, version: version);
            }
            var problem = version == null ? "does not answer `helm version` as helm does"
                : $"is helm {version}, older than the {Supported} the build needs";
            Log.Warning($"{onPath} {problem}: using {PinnedHelm.Default} instead (set HELM to choose another).");
        }
        var pinned = PinnedHelm.Default;
        return new HelmClient(await Installer(variables).InstallAsync(pinned), version: pinned.Version);
    }

    /// <summary>The helm HELM names, which must be one the build supports.</summary>
    private static async Task<HelmClient> ChosenAsync(string chosen, string? path)
    {
        var binary = ToolResolver.Find(chosen, path)
            ?? throw new HelmException($"HELM is set to '{chosen}', which is not an executable file: point it at a " +
                                       $"helm binary ({Supported}), or unset it to let the build find or install one.");
        var version = await HelmVersion.ReadAsync(binary)
            ?? throw new HelmException($"HELM is set to {binary}, which does not answer `helm version` as helm does: " +
                                       "point it at a helm binary.");
        if (version < HelmVersion.Minimum)
            throw new HelmException($"HELM is set to {binary}, which is helm {version}: the build needs helm " +
                                    $"{Supported}. Point HELM at a newer helm, or unset it to let the build install " +
                                    "its own.");
        Log.Debug($"helm {version}: {binary} (HELM)");
        return new HelmClient(binary, version: version);
    }
}
