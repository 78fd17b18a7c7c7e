using Slipway.Delivery.Ci;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Images;
using Slipway.Delivery.Stack;
using Slipway.LocalStack;

namespace Slipway.Build;

partial class Build : IGenerateCi
{
    /// <summary>Registry settings the image and deploy jobs take from CI variables (the password as a secret).</summary>
    static readonly string[] RegistryInputs =
        [nameof(IHazImageRegistry.Registry), nameof(IHazImageRegistry.RegistryUsername), nameof(IHazImageRegistry.RegistryPassword)];

    /// <summary>
    /// The label of the self-hosted runner (Debian 12, jobs run as root) the local stack's tests need.
    /// </summary>
    const string StackRunner = "slipway-stack";

    /// <summary>
    /// What CI runs, written to .gitlab-ci.yml and .github/workflows/ by ./build.sh GenerateCi. Branches and tags map to
    /// environments as Build.Environments.cs says; any other branch is built as `local`: compile and the unit tests that
    /// need no local stack, nothing published.
    /// </summary>
    public CiDeclaration Ci => new CiDeclaration()
        .GitLab()
        .GitHubWorkflow("delivery")
        .UnmappedBranchesAs("local")
        .ComponentPipeline(pipeline => pipeline
            .Job("compile", [nameof(ICompile.Compile)], job => job
                // the compiled build too: later jobs of the same commit run it instead of compiling it again
                .Keeping("src/**/bin/", "src/**/obj/", "tests/**/bin/", "tests/**/obj/", ".nuke/temp/bin/",
                    ".nuke/temp/build.stamp"))
            .Job("test", [nameof(ITest.Test)], job => job
                .Skipping(nameof(IStack.StackUp))
                .With(nameof(ITest.TestFilter), AnyRunnerTestFilter))
            .Job("stack-test", [nameof(StackTests)], job => job
                .Except("local")
                .OnRunner(StackRunner)
                // The runner cleans the checkout before the next job: a stack left running would hold its ports.
                .Finally(nameof(IStack.StackDown)))
            .Job("images", [nameof(IDockerBuild.DockerBuild), nameof(IPushImage.PushImage)], job => job
                .Except("local")
                .AfterJobs("test", "stack-test")
                // one job per component, on as many runners, each only when its inputs changed
                .PerComponent()
                .UsingDocker()
                .Reading(RegistryInputs))
            .Job("bump-values", ["BumpValues"], job => job
                .Optional()
                .Where(e => !e.IsPreview && e.Name != "local", "shared environments")
                .Reading("DeployToken", "DeployTokenUser")
                .PushingCommits()))
        .DeployPipeline(pipeline => pipeline
            .Job("retag", [nameof(IRetag.Retag)], job => job
                .Where(e => e.TargetRegistry != null, "environments with a target registry")
                .Reading(RegistryInputs))
            .Job("deploy", [nameof(IDeployBase.DeployBase), nameof(IDeployApps.DeployApps)], job => job
                .Reading(RegistryInputs))
            .StopPreview("stop", nameof(IPreviews.DestroyPreview), job => job
                .Reading(RegistryInputs)));
}
