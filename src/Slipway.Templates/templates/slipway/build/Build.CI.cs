using Slipway.Delivery.Ci;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Images;
using Slipway.LocalStack;

/// <summary>
/// What CI runs, written to .gitlab-ci.yml and .github/workflows/ by ./build.sh GenerateCi (a job fails when they
/// differ from this declaration). Branches and tags map to environments as Build.Environments.cs says; any other
/// branch is built as `local`: compile and test, nothing published.
/// </summary>
partial class Build : IGenerateCi
{
    /// <summary>Registry settings the image and deploy jobs take from CI variables (password: a secret).</summary>
    static readonly string[] RegistryInputs =
    [
        nameof(IHazImageRegistry.Registry), nameof(IHazImageRegistry.RegistryUsername),
        nameof(IHazImageRegistry.RegistryPassword),
    ];

    public CiDeclaration Ci => new CiDeclaration()
        .GitLab()
        .GitHubWorkflow("delivery")
        .UnmappedBranchesAs("local")
        .ComponentPipeline(pipeline => pipeline
            .Job("compile", [nameof(ICompile.Compile)])
            .Job("test", [nameof(ITest.Test)], job => job
                .Skipping(nameof(IStack.StackUp)))
            .Job("images", [nameof(IDockerBuild.DockerBuild), nameof(IPushImage.PushImage)], job => job
                .Except("local")
                .AfterJobs("test")
                // one job per component, on as many runners, each only when its inputs changed
                .PerComponent()
                .UsingDocker()
                .Reading(RegistryInputs)))
        .DeployPipeline(pipeline => pipeline
            .Job("deploy", [nameof(IDeployBase.DeployBase), nameof(IDeployApps.DeployApps)], job => job
                .Reading(RegistryInputs))
            .StopPreview("stop", nameof(IPreviews.DestroyPreview), job => job
                .Reading(RegistryInputs)));
}
