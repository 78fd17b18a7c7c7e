using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>The .NET solution a build compiles and tests.</summary>
public interface IHazSolution : ISlipwayBuild
{
    AbsolutePath Solution => RootDirectory / "Slipway.slnx";

    [Parameter("Build configuration: Debug or Release")]
    string Configuration => TryGetValue(() => Configuration) ?? "Debug";
}
