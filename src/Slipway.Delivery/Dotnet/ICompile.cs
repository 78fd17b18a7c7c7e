using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

public interface ICompile : IHazSolution
{
    /// <summary>Where each project's last successful build is recorded (inputs digest and outputs).</summary>
    AbsolutePath CompileRecordsDirectory => TemporaryDirectory / "compile";

    Target Compile => _ => _
        .Description("Build the solution's projects whose sources changed (MSBuild is not started when none did)")
        .Executes(async ct =>
        {
            await new SolutionCompile(Solution, Configuration, CompileRecordsDirectory).RunAsync(ct);
        });
}
