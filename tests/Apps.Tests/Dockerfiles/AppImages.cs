using Slipway.Sample.Tests.Support;

namespace Slipway.Sample.Tests.Dockerfiles;

/// <summary>The sample's components as the build sees them: folder, assembly, served port (null: a Job).</summary>
public sealed record AppImage(string Folder, string Assembly, int? Port)
{
    public static readonly IReadOnlyList<AppImage> All =
    [
        new("orders-api", "OrdersApi", Slipway.Sample.OrdersApi.OrdersApiApp.Port),
        new("orders-worker", "OrdersWorker", Slipway.Sample.OrdersWorker.OrdersWorkerApp.Port),
        new("web-ui", "WebUi", Slipway.Sample.WebUi.WebUiApp.Port),
        new("bus-bootstrap", "BusBootstrap", null),
    ];

    public static TheoryDataFor Folders => new(All.Select(a => a.Folder));

    public static AppImage Named(string folder) => All.Single(a => a.Folder == folder);

    public override string ToString() => Folder;
}
