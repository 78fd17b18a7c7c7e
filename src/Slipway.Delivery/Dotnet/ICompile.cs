using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

public interface ICompile : IHazSolution
{
    Target Compile => _ => _
        .Description("Build the solution")
        .Executes(async ct =>
        {
            await ProcessRunner.RunAsync("dotnet", ["build", Solution, "--configuration", Configuration, "--nologo"],
                new ProcessOptions { WorkingDirectory = RootDirectory }, ct);
        });
}
