using Slipway.Delivery.Ci;
using Slipway.Delivery.Ci.Planning;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Delivery.Secrets;
using Slipway.Delivery.Stack;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>A build composed of the real delivery components, with environments and a CI declaration like this repository's.</summary>
public class DeliveryBuild : SlipwayBuild, IPushImage, IRetag, IDeployApps, IPreviews, IGenerateCi, IStack, Slipway.Delivery.Dotnet.ITest
{
    public int ComponentCount { get; init; } = 4;
    public int ExtraEnvironments { get; init; }

    [Parameter("A secret with a default value, which generation must never write"), Secret]
    public string ApiKey { get; set; } = "do-not-inline-this-value";

    public IReadOnlyList<Component> Components =>
        Enumerable.Range(1, ComponentCount).Select(i => new Component { Name = $"app-{i}", Context = AbsolutePath.From($"/src/app-{i}"), Repository = $"shop/app-{i}" }).ToList();

    public IReadOnlyList<ReleaseDefinition> Releases => [];

    public IReadOnlyList<AppSecret> AppSecrets => [new("orders-db", ["password"])];

    public virtual IReadOnlyList<DeploymentEnvironment> Environments =>
    [
        new("local"),
        new("dev") { Branches = ["master", "main"], KubeconfigVariable = "KUBECONFIG_DEV" },
        new("recette") { Branches = ["recette"], KubeconfigVariable = "KUBECONFIG_RECETTE", Url = "https://recette.shop.example" },
        new("prod")
        {
            TagPatterns = ["prod.v*"],
            KubeconfigVariable = "KUBECONFIG_PROD",
            TargetRegistry = "${TARGET_REPO:-${SLIPWAY_TARGET_REGISTRY}}",
            TargetRegistryUsername = "${TARGET_REPO_USER}",
            TargetRegistryPassword = "${TARGET_REPO_PASSWORD:-${SLIPWAY_TARGET_REGISTRY_PASSWORD}}",
            Protections = new() { ManualGate = true },
        },
        new("preview") { Branches = ["feature/*", "bug/*"], IsPreview = true, KubeconfigVariable = "KUBECONFIG_DEV" },
        .. Enumerable.Range(1, ExtraEnvironments).Select(i => new DeploymentEnvironment($"client{i}") { TagPatterns = [$"client{i}.v*"], KubeconfigVariable = $"KUBECONFIG_CLIENT{i}" }),
    ];

    /// <summary>The local stack comes up before the targets that may use it, as in this repository's build.</summary>
    Target LocalStackWhenNeeded => _ => _
        .Unlisted()
        .DependsOn<IStack>(x => x.StackUp)
        .DependentFor<Slipway.Delivery.Dotnet.ITest>(x => x.Test)
        .DependentFor<IDockerBuild>(x => x.DockerBuild)
        .DependentFor<IRetag>(x => x.Retag)
        .DependentFor<IDeployBase>(x => x.DeployBase)
        .DependentFor<IPreviews>(x => x.DestroyPreview);

    /// <summary>Stands in for the GitOps component: it writes tags after the images are pushed.</summary>
    Target BumpValues => _ => _.After<IPushImage>(x => x.PushImage);

    public virtual CiDeclaration Ci => Declaration();

    public static CiDeclaration Declaration() => new CiDeclaration()
        .GitLab()
        .GitHubWorkflow("delivery")
        .UnmappedBranchesAs("local")
        .ComponentPipeline(pipeline => pipeline
            .Job("compile", ["Compile"], job => job.Keeping("src/**/bin/"))
            .Job("test", ["Test"], job => job.Except("local"))
            .Job("unit-test", ["Test"], job => job.Only("local").Skipping("StackUp").With("TestFilter", "Category=Unit"))
            .Job("images", ["DockerBuild", "PushImage"], job => job.Except("local").AfterJobs("test").Reading("Registry", "RegistryPassword"))
            .Job("bump-values", ["BumpValues"], job => job.Optional().Where(e => !e.IsPreview && e.Name != "local", "shared environments").PushingCommits()))
        .DeployPipeline(pipeline => pipeline
            .Job("retag", ["Retag"], job => job.Where(e => e.TargetRegistry != null, "with a target registry"))
            .Job("deploy", ["DeployBase", "DeployApps"])
            .StopPreview("stop", "DestroyPreview"));

    /// <summary>What generation reads from this build.</summary>
    public CiBuildFacts Facts => CiBuildFacts.Of(this);

    public CiPipeline Pipeline => CiPipelinePlanner.Plan(Ci, Facts);

    public IReadOnlyDictionary<string, string> Files => CiGenerator.Generate(Ci, Facts).Files;
}

/// <summary>The same build whose DockerBuild also waits for Test: the images job must follow without a declared order.</summary>
public sealed class ImagesAfterTestBuild : DeliveryBuild
{
    Target ImagesNeedTests => _ => _.Unlisted().DependsOn<Slipway.Delivery.Dotnet.ITest>(x => x.Test).DependentFor<IDockerBuild>(x => x.DockerBuild);

    public override CiDeclaration Ci => new CiDeclaration()
        .GitLab()
        .UnmappedBranchesAs("local")
        .ComponentPipeline(pipeline => pipeline
            .Job("compile", ["Compile"])
            .Job("test", ["Test"])
            .Job("images", ["DockerBuild", "PushImage"], job => job.Except("local")));
}
