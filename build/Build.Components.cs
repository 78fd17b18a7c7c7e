using Slipway.Delivery.Components;

namespace Slipway.Build;

partial class Build
{
    const string EntityNamespace = "shop";

    /// <summary>
    /// What this repository delivers. To add a component: copy a folder in src/apps/, add one line here,
    /// and one values file in deploy/values/components/.
    /// </summary>
    public IReadOnlyList<Component> Components =>
    [
        App("orders-api", "OrdersApi.csproj"),
        App("orders-worker", "OrdersWorker.csproj"),
        App("web-ui", "WebUi.csproj"),
        App("bus-bootstrap", "BusBootstrap.csproj"),
        BaseProduct("broker"),
        BaseProduct("database"),
    ];

    Component App(string name, string project) => new()
    {
        Name = name,
        Context = RootDirectory / "src" / "apps" / name,
        Project = RootDirectory / "src" / "apps" / name / project,
        Repository = $"{EntityNamespace}/{name}",
    };

    /// <summary>A stand-in for a third-party product of the base release, built from Debian.</summary>
    Component BaseProduct(string name) => new()
    {
        Name = name,
        Context = RootDirectory / "charts" / "base" / "images" / name,
        Repository = $"slipway-base/{name}",
        Kind = ComponentKind.BaseProduct,
    };
}
