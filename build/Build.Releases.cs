using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Secrets;

namespace Slipway.Build;

partial class Build
{
    /// <summary>Deployed in this order: the base products are up (and waited for) before the apps' bootstrap hook needs them.</summary>
    public IReadOnlyList<ReleaseDefinition> Releases =>
    [
        new("base", RootDirectory / "charts" / "base", ComponentKind.BaseProduct),
        new("apps", RootDirectory / "charts" / "apps", ComponentKind.App) { WaitForJobs = true },
    ];

    /// <summary>Secrets the pods read (deploy/values/common.yaml refers to them); values come from the environment's secret sources.</summary>
    public IReadOnlyList<AppSecret> AppSecrets => [new("orders-db", ["password"])];
}
