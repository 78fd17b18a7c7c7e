using Slipway.Delivery.Charts;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Versioning;
using Slipway.Delivery.Secrets;

namespace Slipway.Build;

/// <summary>Release tags (Release) and the release charts published at their version (PublishCharts).</summary>
partial class Build : IRelease, IPublishCharts
{
    /// <summary>Deployed in this order: the base products are up (and waited for) before the apps' bootstrap hook needs them.</summary>
    public IReadOnlyList<ReleaseDefinition> Releases =>
    [
        new("base", RootDirectory / "charts" / "base", ComponentKind.BaseProduct),
        new("apps", RootDirectory / "charts" / "apps", ComponentKind.App) { WaitForJobs = true },
    ];

    /// <summary>
    /// Secrets the pods read (deploy/values/common.yaml refers to them); values come from the environment's secret
    /// sources. orders-db: the database administrator's password and the apps' role's; orders-bus: the broker user's.
    /// </summary>
    public IReadOnlyList<AppSecret> AppSecrets => [new("orders-db", ["password", "app-password"]), new("orders-bus", ["password"])];
}
