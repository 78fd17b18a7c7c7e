using Slipway.Delivery.Ci;
using Slipway.Delivery.Ci.Files;
using Slipway.Delivery.Ci.Page;
using Slipway.Delivery.Ci.Planning;
using Slipway.Delivery.Components;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// This repository's own build (build/_build.csproj), read in-process: its CI declaration (build/Build.CI.cs), its
/// environments and its target graph, so the CI tests check what <c>./build.sh GenerateCi</c> writes, not a copy.
/// </summary>
internal static class RepositoryBuild
{
    public static IGenerateCi Create() => Rooted();

    /// <summary>The build rooted at this repository, as a run roots it (the engine's setter is internal).</summary>
    public static Slipway.Build.Build Rooted() => Root(new Slipway.Build.Build());

    /// <summary>The build, rooted at this repository (its components' paths are under its root).</summary>
    public static T Root<T>(T build) where T : class
    {
        var property = typeof(SlipwayBuild).GetProperty(nameof(SlipwayBuild.RootDirectory))!;
        if (property.GetValue(build) == null) property.SetValue(build, AbsolutePath.From(RepositoryRoot.Path));
        return build;
    }

    public static CiBuildFacts Facts(IGenerateCi? build = null) =>
        CiBuildFacts.Of(Root(build ?? Create()), AbsolutePath.From(RepositoryRoot.Path));

    public static CiPipeline Pipeline(IGenerateCi? build = null)
    {
        build ??= Create();
        return CiPipelinePlanner.Plan(build.Ci, Facts(build));
    }

    /// <summary>What GenerateCi writes, the README's CI jobs section included (into the repository's README).</summary>
    public static GeneratedFiles Generate(IGenerateCi? build = null)
    {
        build ??= Create();
        return CiGenerator.Generate(build.Ci, Facts(build),
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, CiJobsPage.FileName)));
    }

    /// <summary>The CI system files only (the README is not one).</summary>
    public static IReadOnlyDictionary<string, string> CiFiles(IGenerateCi? build = null) =>
        Files(build).Where(f => f.Key != CiJobsPage.FileName).ToDictionary();

    public static IReadOnlyDictionary<string, string> Files(IGenerateCi? build = null) => Generate(build).Files;
}

/// <summary>The repository's build whose DockerBuild also waits for Test, with a declaration not saying so.</summary>
internal sealed class ImagesAfterTestBuild : Slipway.Build.Build, IGenerateCi
{
    Target ImagesNeedTests => _ => _
        .Unlisted()
        .DependsOn<ITest>(x => x.Test)
        .DependentFor<IDockerBuild>(x => x.DockerBuild);

    CiDeclaration IGenerateCi.Ci => new CiDeclaration()
        .GitLab()
        .UnmappedBranchesAs("local")
        .ComponentPipeline(pipeline => pipeline
            .Job("compile", ["Compile"])
            .Job("test", ["Test"])
            .Job("images", ["DockerBuild", "PushImage"], job => job.Except("local")));
}

/// <summary>The repository's build, and its CI declaration, with more components and client environments.</summary>
internal sealed class LargerBuild : Slipway.Build.Build, IHazComponents, IHazEnvironments
{
    public int ComponentCount { get; init; } = 50;
    public int ClientEnvironments { get; init; } = 5;

    IReadOnlyList<Component> IHazComponents.Components => Enumerable.Range(1, ComponentCount)
        .Select(i => new Component
        {
            Name = $"app-{i}", Context = RootDirectory / "src" / $"app-{i}", Repository = $"shop/app-{i}",
        })
        .ToList();

    IReadOnlyList<DeploymentEnvironment> IHazEnvironments.Environments =>
    [
        .. Environments,
        .. Enumerable.Range(1, ClientEnvironments).Select(i => new DeploymentEnvironment($"client{i}")
        {
            TagPatterns = [$"client{i}.v*"],
            KubeconfigVariable = $"KUBECONFIG_CLIENT{i}",
        }),
    ];
}

/// <summary>The repository's build with a secret parameter that has a default value, read by a CI job.</summary>
internal sealed class BuildWithDefaultedSecret : Slipway.Build.Build, IGenerateCi
{
    public const string Default = "do-not-inline-this-value";

    [Parameter("A secret with a default value, which generation must never write"), Secret]
    public string ApiKey { get; set; } = Default;

    CiDeclaration IGenerateCi.Ci => new CiDeclaration()
        .GitLab()
        .GitHubWorkflow("delivery")
        .UnmappedBranchesAs("local")
        .ComponentPipeline(pipeline => pipeline.Job("compile", ["Compile"], job => job.Reading(nameof(ApiKey))));
}

/// <summary>The repository's build with its GitLab jobs on tagged runners, another image and docker service.</summary>
internal sealed class CustomRunnersBuild : Slipway.Build.Build, IGenerateCi
{
    CiDeclaration IGenerateCi.Ci => new CiDeclaration()
        .GitLab(gitlab => gitlab
            .JobImage("registry.example.com/sdk:10.0.100-custom")
            .Tags("docker", "linux")
            .DockerInDocker("docker:28.0.0-dind")
            .Default(nameof(IHazImageRegistry.Registry), "$HARBOR_PROJECT"))
        .UnmappedBranchesAs("local")
        .ComponentPipeline(pipeline => pipeline
            .Job("compile", ["Compile"])
            .Job("images", ["DockerBuild", "PushImage"], job => job
                .Except("local")
                .UsingDocker()
                .Reading(nameof(IHazImageRegistry.Registry))));
}
