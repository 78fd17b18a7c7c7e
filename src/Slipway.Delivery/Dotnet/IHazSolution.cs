using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>The .NET solution a build compiles and tests.</summary>
public interface IHazSolution : ISlipwayBuild
{
    /// <summary>The solution at the repository root: its .slnx (else .sln) file, the first by name.</summary>
    AbsolutePath Solution =>
        new[] { "*.slnx", "*.sln" }.SelectMany(p => Directory.GetFiles(RootDirectory, p).Order(StringComparer.Ordinal))
            .Select(AbsolutePath.From).FirstOrDefault() ?? RootDirectory / "Slipway.slnx";

    [Parameter("Build configuration: Debug or Release")]
    string Configuration => TryGetValue(() => Configuration) ?? "Debug";
}
