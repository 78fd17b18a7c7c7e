using FluentAssertions;
using Slipway.Delivery.Ci;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>The real validators (actionlint 1.7.7, action-validator) accept every generated workflow and reject broken ones.</summary>
[Trait("Category", "RealClients")]
public sealed class GitHubWorkflowClientTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly AbsolutePath _root = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-workflows-").FullName);

    [Fact]
    public void The_repository_workflows_and_a_larger_builds_workflows_pass_both_validators()
    {
        RepositoryBuild.Generate(new LargerBuild { ClientEnvironments = 2 }).Write(_root);
        var files = Directory.GetFiles(_root / ".github" / "workflows", "*.yml")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml"))
            .Order(StringComparer.Ordinal).ToList();

        var result = CiClientScripts.Run("lint-workflows.sh", files, Timeout);

        files.Should().HaveCountGreaterThanOrEqualTo(4);
        result.ExitCode.Should().Be(0, result.AllOutput());
        result.AllOutput().Should().NotContain("rejected");
    }

    [Fact]
    public void A_broken_workflow_fails_both_validators()
    {
        var result = CiClientScripts.Run("lint-workflows.sh", [Path.Combine(CiClientScripts.Directory, "fixtures", "broken-workflow.yml")], Timeout);

        result.ExitCode.Should().NotBe(0);
        result.AllOutput().Should().Contain("actionlint rejected").And.Contain("action-validator rejected")
            .And.Contain("needs job \"images\" which does not exist");
    }

    [Fact]
    public void A_generated_workflow_edited_into_a_broken_one_fails()
    {
        var text = RepositoryBuild.Files()[".github/workflows/delivery.yml"];
        var broken = _root / "broken-delivery.yml";
        File.WriteAllText(broken, text
            .Replace("needs: [compile, images, test, stack-test]",
                "needs: [compile, images-production, test, stack-test]")
            .Replace("runs-on: ubuntu-24.04\n    environment:\n      name: dev", "runs-on: ubuntu-24.04\n    enviroment:\n      name: dev"));

        var result = CiClientScripts.Run("lint-workflows.sh", [broken], Timeout);

        result.ExitCode.Should().NotBe(0, result.AllOutput());
        result.AllOutput().Should().Contain("images-production").And.Contain("enviroment");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
