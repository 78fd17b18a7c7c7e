using Slipway.Delivery.Adoption;
using Slipway.Delivery.Charts;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Components;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.GitOps;
using Slipway.Delivery.Images;
using Slipway.Delivery.Status;
using Slipway.Delivery.Versioning;
using Slipway.Engine;
using Slipway.LocalStack;

/// <summary>
/// This repository's pipeline (Slipway). Components: Build.Components.cs; environments: Build.Environments.cs; CI:
/// Build.CI.cs. `./build.sh --help` lists the targets; `./build.sh DeployApps --env local` builds, pushes and deploys
/// every component to the local stack.
/// </summary>
partial class Build : SlipwayBuild, ICompile, ITest, IStackWhenNeeded, IPushImage, IRetag, IDeployApps, IPreviews,
    IStatus, ICharts, IPublishLibraryChart, IBumpValues, IAdopt, IRelease, IPublishCharts
{
    // helm runs this build again as the post-renderer of relocated deploys (RelocatingPostRenderer)
    public static int Main(string[] args) =>
        RelocatingPostRenderer.Handles(args)
            ? RelocatingPostRenderer.Run(args)
            : Execute<Build>(x => ((IDeployApps)x).DeployApps);

    /// <summary>The first part of image repositories (&lt;entity-namespace&gt;/&lt;component&gt;) and routes.</summary>
    const string EntityNamespace = "SLIPWAY_ENTITY_NAMESPACE";

    /// <summary>The team's registry: shared environments' images (CI sets --registry), the library chart.</summary>
    const string SharedRegistry = "SLIPWAY_SHARED_REGISTRY";

    string IAdopt.EntityNamespace => EntityNamespace;
    string IAdopt.SharedRegistry => SharedRegistry;

    /// <summary>One release, every component's chart as a subchart of charts/apps.</summary>
    public IReadOnlyList<ReleaseDefinition> Releases =>
        [new("apps", RootDirectory / "charts" / "apps", ComponentKind.App)];

    /// <summary>
    /// The images the Dockerfiles build FROM (<c>${BASE_REGISTRY}/slipway-base/…</c>), made in the base registry when
    /// it lacks them: on a runner, the first pipeline builds them from images/; the local stack makes its own.
    /// </summary>
    public IReadOnlyList<BaseImage> BaseImages =>
        [new("slipway-base/dotnet-runtime", "10.0", RootDirectory / "images" / "dotnet-runtime")];
}
