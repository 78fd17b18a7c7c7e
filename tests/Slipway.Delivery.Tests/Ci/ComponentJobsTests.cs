using FluentAssertions;
using Slipway.Delivery.Ci;
using Slipway.Delivery.Ci.Planning;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// The image job declared per component: one job per component, each with the paths whose change rebuilds it, read
/// from the build (context, referenced projects, .NET build files, declared base images).
/// </summary>
public sealed class ComponentJobsTests
{
    private readonly CiPipeline _pipeline = RepositoryBuild.Pipeline();

    private IReadOnlyList<string> ChangesOf(string component) =>
        _pipeline[$"images-{component}"].Component!.Component.Changes;

    [Fact]
    public void A_dotnet_app_changes_with_its_folder_the_projects_it_references_its_build_files_and_its_base_image()
    {
        ChangesOf("orders-api").Should().Equal("src/apps/orders-api/", "src/apps/shared/", "Directory.Build.props",
            "global.json", "nuget.config", "images/dotnet-runtime/");
        ChangesOf("web-ui").Should().NotContain("src/apps/shared/", "web-ui references no other project");
    }

    [Fact]
    public void A_product_image_changes_with_its_folder_and_its_base_image_only()
    {
        ChangesOf("broker").Should().Equal("charts/base/images/broker/", "images/rabbitmq/");
        ChangesOf("database").Should().Equal("charts/base/images/database/", "images/postgresql/");
    }

    [Fact]
    public void Each_part_builds_its_component_and_the_jobs_after_wait_for_all_parts_and_the_tests()
    {
        var parts = _pipeline.Jobs.Where(j => j.Component?.DeclaredId == "images").ToList();

        parts.Select(p => p.Variables.Single(v => v.Key == "SLIPWAY_COMPONENT").Value).Should()
            .Equal("orders-api", "orders-worker", "web-ui", "bus-bootstrap", "broker", "database");
        _pipeline["deploy-recette"].Needs.Where(n => n.JobId.StartsWith("images-")).Should()
            .HaveCount(6).And.OnlyContain(n => n.Optional && n.Artifacts, "an unchanged component's job does not run");
        _pipeline["deploy-recette"].Needs.Where(n => !n.JobId.StartsWith("images-")).Should()
            .Equal(new CiNeed("compile", false), new CiNeed("test", false, Artifacts: false),
                new CiNeed("stack-test", false, Artifacts: false));
    }

    [Fact]
    public void With_more_jobs_to_wait_for_than_gitlab_allows_needs_a_job_waits_for_the_stages_before_it()
    {
        var gitLab = RepositoryBuild.Files(new LargerBuild { ComponentCount = 50, ClientEnvironments = 0 })
            [".gitlab-ci.yml"];

        var deploy = gitLab[gitLab.IndexOf("\ndeploy-recette:\n", StringComparison.Ordinal)..];
        deploy[..deploy.IndexOf("\n\n", StringComparison.Ordinal)].Should().NotContain("needs:")
            .And.Contain("stage: deploy", "50 image jobs, compile and the tests are more than GitLab's 50 needs");
        var image = gitLab[gitLab.IndexOf("\n.images:\n", StringComparison.Ordinal)..];
        image[..image.IndexOf("\n\n", StringComparison.Ordinal)].Should().Contain("needs: [compile, test, stack-test]");
    }

    [Fact]
    public void A_job_per_component_in_a_build_without_components_is_refused()
    {
        var declaration = new CiDeclaration().GitLab().UnmappedBranchesAs("local")
            .ComponentPipeline(p => p.Job("compile", ["Compile"], j => j.PerComponent()));
        var facts = RepositoryBuild.Facts() with { Components = [] };

        var plan = () => CiPipelinePlanner.Plan(declaration, facts);

        plan.Should().Throw<BuildDefinitionException>().WithMessage("*'compile' runs per component*has none*");
    }
}
