using FluentAssertions;
using Slipway.Delivery.Ci;
using Slipway.Delivery.Ci.Planning;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>Jobs, needs and skips of this repository's CI follow the target graph of its build.</summary>
public sealed class JobGraphTests
{
    private readonly CiPipeline _pipeline = RepositoryBuild.Pipeline();

    private static readonly string[] ImageJobs =
        ["images-orders-api", "images-orders-worker", "images-web-ui", "images-bus-bootstrap", "images-broker",
         "images-database"];

    private string[] NeedsOf(string job) => _pipeline[job].Needs.Select(n => n.JobId).ToArray();

    /// <summary>What a job that needs the images waits for: every image job, and what they wait for.</summary>
    private static string[] AfterImages => ["compile", .. ImageJobs, "test", "stack-test"];

    [Fact]
    public void Needs_follow_dependencies_declared_order_and_after_relations()
    {
        NeedsOf("compile").Should().BeEmpty();
        NeedsOf("test").Should().Equal("compile");
        NeedsOf("stack-test").Should().Equal("compile");
        // graph gives compile; the declaration adds both tests; compile's kept build reaches every later job
        foreach (var images in ImageJobs) NeedsOf(images).Should().Equal("compile", "test", "stack-test");
        NeedsOf("bump-values").Should().Equal(AfterImages);   // BumpValues runs after PushImage
        NeedsOf("retag-prod").Should().Equal(AfterImages);    // Retag runs after PushImage
        NeedsOf("deploy-dev").Should().Equal(AfterImages);    // DeployBase depends on PushImage
        NeedsOf("deploy-prod").Should().Equal("compile", "retag-prod"); // ... and on Retag, prod's own job
        NeedsOf("stop-preview").Should().BeEmpty();
    }

    [Fact]
    public void Each_job_skips_what_the_jobs_before_it_did_and_what_it_declares()
    {
        _pipeline["compile"].Command.Should().Be("./build.sh Compile --no-logo");
        _pipeline["test"].Command.Should().Be("./build.sh Test --skip Compile StackUp --no-logo");
        _pipeline["stack-test"].Command.Should().Be("./build.sh StackTests --skip Compile --no-logo");
        // publishing compiles what an image needs: its job neither compiles the solution nor waits for that
        _pipeline["images-web-ui"].Command.Should().Be("./build.sh DockerBuild PushImage --no-logo");
        _pipeline["images-web-ui"].Variables.Should()
            .Contain(new KeyValuePair<string, string>("SLIPWAY_COMPONENT", "web-ui"));
        _pipeline["deploy-dev"].Command.Should()
            .Be("./build.sh DeployBase DeployApps --skip DockerBuild PushImage --no-logo");
        _pipeline["deploy-prod"].Skips.Should().BeEquivalentTo(["DockerBuild", "PushImage", "Retag"]);
        _pipeline["stop-preview"].Command.Should().Be("./build.sh DestroyPreview --no-logo");
    }

    [Fact]
    public void Deploy_pipeline_jobs_are_repeated_per_environment_a_ref_maps_to()
    {
        _pipeline.Jobs.Select(j => j.Id).Should().Equal(
            ["compile", "test", "stack-test", .. ImageJobs, "bump-values", "retag-prod",
            "deploy-dev", "deploy-recette", "deploy-prod", "deploy-preview", "stop-preview"]);
        _pipeline.Jobs.Where(j => j.Id.StartsWith("deploy-")).Should().OnlyContain(j => j.DeploysTo != null && j.Environments.Count == 1);
        _pipeline.Stages.Should()
            .Equal("compile", "test", "stack-test", "images", "bump-values", "retag", "deploy", "stop");
    }

    [Fact]
    public void A_new_dependency_in_the_graph_becomes_a_need_without_declaring_it()
    {
        var pipeline = RepositoryBuild.Pipeline(new ImagesAfterTestBuild());

        pipeline["images"].Needs.Select(n => n.JobId).Should().Equal("test");
        pipeline["images"].Skips.Should().Equal("Compile", "Test");
    }

    [Fact]
    public void An_optional_job_whose_target_the_build_lacks_is_left_out()
    {
        var declaration = new CiDeclaration().GitLab().UnmappedBranchesAs("local")
            .ComponentPipeline(p => p.Job("compile", ["Compile"]).Job("gone", ["NoSuchTarget"], j => j.Optional()));

        CiPipelinePlanner.Plan(declaration, RepositoryBuild.Facts()).Jobs.Select(j => j.Id).Should().Equal("compile");
    }

    [Fact]
    public void A_mistyped_target_is_refused_with_a_suggestion()
    {
        var declaration = new CiDeclaration().GitLab().UnmappedBranchesAs("local")
            .ComponentPipeline(p => p.Job("compile", ["Compil"]));

        var plan = () => CiPipelinePlanner.Plan(declaration, RepositoryBuild.Facts());

        plan.Should().Throw<BuildDefinitionException>().WithMessage("*'compile' names target 'Compil'*Did you mean 'Compile'?*");
    }

    [Fact]
    public void A_job_declared_before_the_job_it_needs_is_refused()
    {
        var declaration = new CiDeclaration().GitLab().UnmappedBranchesAs("local")
            .ComponentPipeline(p => p.Job("test", ["Test"]).Job("compile", ["Compile"]));

        var plan = () => CiPipelinePlanner.Plan(declaration, RepositoryBuild.Facts());

        plan.Should().Throw<BuildDefinitionException>().WithMessage("*'test' needs 'compile', which is declared after it*");
    }

    [Fact]
    public void One_target_in_two_jobs_of_the_same_pipeline_is_refused()
    {
        var declaration = new CiDeclaration().GitLab().UnmappedBranchesAs("local")
            .ComponentPipeline(p => p.Job("compile", ["Compile"]).Job("again", ["Compile"]));

        var plan = () => CiPipelinePlanner.Plan(declaration, RepositoryBuild.Facts());

        plan.Should().Throw<BuildDefinitionException>().WithMessage("*'Compile' is run by CI jobs 'compile' and 'again'*");
    }

    [Fact]
    public void A_parameter_no_variable_can_set_is_refused()
    {
        var declaration = new CiDeclaration().GitLab().UnmappedBranchesAs("local")
            .ComponentPipeline(p => p.Job("compile", ["Compile"], j => j.Reading("TargetRegistryPassword")));

        var plan = () => CiPipelinePlanner.Plan(declaration, RepositoryBuild.Facts());

        plan.Should().Throw<BuildDefinitionException>().WithMessage("*'TargetRegistryPassword'*answers to no environment variable*");
    }

    [Fact]
    public void The_target_graph_is_public_by_name()
    {
        var graph = TargetGraph.Of(RepositoryBuild.Create());

        graph["DeployBase"].Dependencies.Should().Contain(["PushImage", "Retag"]);
        graph["Retag"].OrderedAfter.Should().Contain("PushImage");
        graph["deploybase"].Name.Should().Be("DeployBase");
    }
}
