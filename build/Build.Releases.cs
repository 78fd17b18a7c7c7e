using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;

namespace Slipway.Build;

partial class Build
{
    /// <summary>Deployed in this order: the base products are up (and waited for) before the apps' bootstrap hook needs them.</summary>
    public IReadOnlyList<ReleaseDefinition> Releases =>
    [
        new("base", RootDirectory / "charts" / "base", ComponentKind.BaseProduct),
        new("apps", RootDirectory / "charts" / "apps", ComponentKind.App) { WaitForJobs = true },
    ];
}
