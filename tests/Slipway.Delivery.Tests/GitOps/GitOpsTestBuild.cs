using Slipway.Delivery.Components;
using Slipway.Delivery.Environments;
using Slipway.Delivery.GitOps;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>A pipeline with BumpValues only, run in-process against a temporary root (its artifacts/images.json is the test's).</summary>
internal sealed class GitOpsTestBuild : SlipwayBuild, IBumpValues
{
    public IReadOnlyList<Component> Components => [App("orders-api"), App("orders-worker"), App("web-ui")];

    public IReadOnlyList<DeploymentEnvironment> Environments =>
    [
        new("local"),
        new("dev") { Branches = ["main"] },
        new("recette") { Branches = ["recette"] },
    ];

    private Component App(string name) => new() { Name = name, Context = RootDirectory / "src" / name, Repository = $"shop/{name}" };

    /// <summary>Runs the build with <paramref name="args"/> in <paramref name="root"/>; the result holds the exit code and all it printed.</summary>
    public static ScriptRun Run(string root, params string[] args)
    {
        var writer = new StringWriter();
        var settings = new BuildRunSettings
        {
            Output = TextWriter.Synchronized(writer),
            Environment = new Dictionary<string, string>
            {
                ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
                ["HOME"] = System.Environment.GetEnvironmentVariable("HOME") ?? root,
            },
            CurrentDirectory = root,
            RootDirectory = root,
        };
        var exitCode = Execute<GitOpsTestBuild>(args, settings);
        return new ScriptRun(exitCode, writer.ToString());
    }
}
