using Slipway.Delivery.Charts;
using Slipway.Delivery.Dotnet;
using Slipway.Engine;

namespace Slipway.Build;

/// <summary>Slipway's own packages: ./build.sh Pack writes them to artifacts/packages.</summary>
partial class Build : IPack, IPublishLibraryChart
{
    public IReadOnlyList<AbsolutePath> PackedProjects =>
    [
        RootDirectory / "src" / "Slipway.Engine" / "Slipway.Engine.csproj",
        RootDirectory / "src" / "Slipway.Delivery" / "Slipway.Delivery.csproj",
        RootDirectory / "src" / "Slipway.LocalStack" / "Slipway.LocalStack.csproj",
        RootDirectory / "src" / "Slipway.Templates" / "Slipway.Templates.csproj",
    ];
}
