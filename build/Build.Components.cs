using Slipway.Delivery.Components;
using Slipway.Delivery.Images;

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

    /// <summary>
    /// The images the Dockerfiles build FROM (<c>${BASE_REGISTRY}/slipway-base/…</c>), made in the base registry when
    /// it lacks them: on a runner, the first pipeline builds them from images/; the local stack makes its own.
    /// </summary>
    public IReadOnlyList<BaseImage> BaseImages =>
    [
        new("slipway-base/dotnet-runtime", "10.0", RootDirectory / "images" / "dotnet-runtime"),
        new("slipway-base/rabbitmq", "3.10", RootDirectory / "images" / "rabbitmq"),
        new("slipway-base/postgresql", "15", RootDirectory / "images" / "postgresql"),
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
