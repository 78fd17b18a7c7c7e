using Slipway.Delivery.Helm;
using Slipway.Delivery.Tools;
using Xunit;

namespace Slipway.Delivery.Tests.Helm;

/// <summary>The helm releases tests run on, installed by the build's own installer (cached per machine).</summary>
public static class TestHelm
{
    /// <summary>The helm a build run on this machine uses (HELM, else PATH, else the pinned install).</summary>
    public static HelmClient Default => HelmTool.Resolve(SlipwayCache.ProcessVariables());

    /// <summary>A pinned release by version ("3.18.0", "4.1.4"), installed when missing.</summary>
    public static async Task<HelmClient> InstallAsync(string version, string? kubeconfig = null)
    {
        var pinned = PinnedHelm.All.Single(p => p.Version.ToString() == version);
        var path = await HelmTool.Installer(SlipwayCache.ProcessVariables()).InstallAsync(pinned);
        return new HelmClient(path, kubeconfig, version: pinned.Version);
    }
}

/// <summary>Theory data: every helm release the build pins (helm 3 and helm 4), by version.</summary>
public sealed class PinnedHelmVersions : TheoryData<string>
{
    public PinnedHelmVersions()
    {
        foreach (var pinned in PinnedHelm.All) Add(pinned.Version.ToString());
    }
}
