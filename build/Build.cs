using Slipway.Delivery.Charts;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Images;
using Slipway.Delivery.Stack;
using Slipway.Delivery.Status;
using Slipway.LocalStack;
using Slipway.Engine;

namespace Slipway.Build;

/// <summary>This repository's pipeline. Each concern lives in its own Build.*.cs file.</summary>
partial class Build : SlipwayBuild, ICompile, ITest, IStack, IPushImage, IRetag, IDeployApps, IPreviews, IStatus, ICharts
{
    // helm runs this build again as the post-renderer of relocated deploys (RelocatingPostRenderer)
    public static int Main(string[] args) =>
        RelocatingPostRenderer.Handles(args) ? RelocatingPostRenderer.Run(args) : Execute<Build>(x => ((IDeployApps)x).DeployApps);

    Target Clean => _ => _
        .Description("Delete build outputs and artifacts")
        .Before<ICompile>(x => x.Compile)
        .Executes(() =>
        {
            ArtifactsDirectory.CleanDirectory();
            foreach (var output in Directory.EnumerateDirectories(RootDirectory / "src", "*", SearchOption.AllDirectories)
                         .Concat(Directory.EnumerateDirectories(RootDirectory / "tests", "*", SearchOption.AllDirectories))
                         .Where(d => Path.GetFileName(d) is "bin" or "obj").ToList())
                if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            Log.Information("Removed artifacts/ and the bin/obj folders of src/ and tests/.");
        });
}
