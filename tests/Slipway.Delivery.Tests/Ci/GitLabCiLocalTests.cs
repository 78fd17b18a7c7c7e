using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Slipway.Engine;
using Xunit;
using Xunit.Abstractions;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// The repository's generated .gitlab-ci.yml run by the real gitlab-ci-local (shell executor, each job in its own copy
/// of the files): the job set of each branch and tag, and the local branch pipeline run for real.
/// </summary>
[Trait("Category", "RealClients")]
public sealed class GitLabCiLocalTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(15);
    private readonly List<string> _repositories = [];

    [Fact]
    public void Each_ref_gets_the_jobs_of_its_environment()
    {
        var repository = Throwaway("ci/local-check");

        Jobs(repository, "--variable", "CI_COMMIT_BRANCH=ci/local-check").Should()
            .Equal(["compile on_success", "test on_success"]);

        Jobs(repository, "--variable", "CI_COMMIT_BRANCH=recette").Should()
            .StartWith(["compile on_success", "test on_success", "stack-test on_success",
                "images-orders-api on_success", "images-orders-worker on_success", "images-web-ui on_success",
                "images-bus-bootstrap on_success", "images-broker on_success", "images-database on_success"])
            .And.Contain("deploy-recette on_success")
            .And.NotContain(j => j.StartsWith("deploy-dev") || j.StartsWith("retag"));

        Jobs(repository, "--unset-variable", "CI_COMMIT_BRANCH",
                "--variable", "CI_COMMIT_TAG=prod.v1.0.0", "--variable", "CI_COMMIT_REF_NAME=prod.v1.0.0")
            .Should().Contain(["retag-prod manual", "deploy-prod on_success"])
            .And.NotContain(j => j.StartsWith("deploy-dev"));

        Jobs(repository, "--variable", "CI_COMMIT_BRANCH=feature/JIRA-142-new-pricing",
                "--variable", "CI_COMMIT_REF_NAME=feature/JIRA-142-new-pricing")
            .Should().Contain(["deploy-preview on_success", "stop-preview manual"])
            .And.NotContain(j => j.StartsWith("deploy-dev"));

        Jobs(repository, "--variable", "CI_COMMIT_BRANCH=main",
                "--variable", "CI_COMMIT_MESSAGE=Bump orders-api [skip ci]")
            .Should().BeEmpty("a [skip ci] commit maps to no environment, so no job runs");
    }

    [Fact]
    public void A_push_that_changes_one_components_source_gets_one_image_job()
    {
        var repository = Throwaway("recette");
        // what the push is compared with: gitlab-ci-local diffs against the remote's default branch
        Git(repository, "update-ref", "refs/remotes/origin/main", "HEAD");
        Git(repository, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        var program = Path.Combine(repository, "src", "apps", "web-ui", "Program.cs");
        File.AppendAllText(program, "// a change to web-ui only\n");
        Git(repository, "commit", "-q", "-am", "Change web-ui");

        var jobs = Jobs(repository, evaluateChanges: true, "--variable", "CI_COMMIT_BRANCH=recette");

        jobs.Where(j => j.StartsWith("images-")).Should().Equal("images-web-ui on_success");
        jobs.Should().Contain(["bump-values on_success", "deploy-recette on_success"]);

        File.AppendAllText(Path.Combine(repository, "src", "apps", "shared", "BusSettings.cs"), "// shared\n");
        Git(repository, "commit", "-q", "-am", "Change the shared library");
        Jobs(repository, evaluateChanges: true, "--variable", "CI_COMMIT_BRANCH=recette")
            .Where(j => j.StartsWith("images-")).Should().Equal(
                ["images-orders-api on_success", "images-orders-worker on_success", "images-web-ui on_success",
                 "images-bus-bootstrap on_success"], "every app referencing the shared project");
    }

    [Fact]
    public void The_local_branch_pipeline_runs_its_jobs_in_order_and_passes_artifacts()
    {
        var repository = Throwaway("ci/local-check");

        var result = Pipeline(repository, "ci/local-check");

        result.ExitCode.Should().Be(0, Tail(result));
        var log = result.AllOutput();
        log.Should().Contain("PASS  compile").And.Contain("PASS  test");
        // gitlab-ci-local pads job names to the longest in the file.
        Regex.Match(log, @"compile +finished").Index.Should()
            .BeLessThan(Regex.Match(log, @"\btest +starting").Index, "test needs compile");
        log.Should().MatchRegex(@"\btest +imported artifacts");
        // Test runs with --no-build: it could only pass with the build outputs compile handed over as artifacts.
        File.ReadAllText(Path.Combine(repository, ".gitlab-ci-local", "artifacts", "test", "artifacts", "test-results",
                "summary.txt"))
            .Should().MatchRegex(@"\d+ passed, 0 failed");
    }

    [Fact]
    public void A_failing_target_fails_its_job_and_the_pipeline()
    {
        var repository = Throwaway("ci/local-check");
        File.WriteAllText(Path.Combine(repository, "src", "apps", "web-ui", "Broken.cs"),
            "namespace WebUi; class Broken { int x = \"not a number\"; }\n");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "A change that does not compile");

        var result = Pipeline(repository, "ci/local-check");

        result.ExitCode.Should().Be(1, Tail(result));
        result.AllOutput().Should().Contain("FAIL  compile").And.NotMatchRegex(@"\btest +starting");
    }

    private ProcessResult Pipeline(string repository, string branch)
    {
        var result = GitLabCiLocal.Run(repository, [], new Dictionary<string, string> { ["CI_COMMIT_BRANCH"] = branch },
            RunTimeout);
        output.WriteLine(Tail(result));
        return result;
    }

    /// <summary>
    /// The jobs a ref gets, as "name when", leaving out those whose rules say never; <c>rules: changes</c> hold unless
    /// <paramref name="evaluateChanges"/> (as for GitLab's tag pipelines and new branches).
    /// </summary>
    private List<string> Jobs(string repository, params string[] variables) => Jobs(repository, false, variables);

    private List<string> Jobs(string repository, bool evaluateChanges, params string[] variables)
    {
        var result = CiClientScripts.Run("gitlab-ci-local.sh",
            [repository, "--list-json", evaluateChanges ? "--evaluate-rule-changes" : "--no-evaluate-rule-changes",
             .. variables], ListTimeout);
        result.ExitCode.Should().Be(0, result.AllOutput());
        var lines = result.StandardOutput.Split('\n');
        var json = string.Join('\n', lines.SkipWhile(l => l != "["));  // warnings may come first
        return JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(j => $"{j.GetProperty("name").GetString()} {j.GetProperty("when").GetString()}")
            .Where(j => !j.EndsWith(" never", StringComparison.Ordinal))
            .ToList();
    }

    private string Throwaway(string branch)
    {
        var directory = Directory.CreateTempSubdirectory("slipway-gitlab-").FullName;
        _repositories.Add(directory);
        return GitLabCiLocal.Throwaway(directory, branch);
    }

    private static void Git(string repository, params string[] arguments) =>
        ProcessRunner.Run("git", arguments,
            new ProcessOptions { WorkingDirectory = repository, LogOutput = false, LogInvocation = false });

    private static string Tail(ProcessResult result) => GitLabCiLocal.Tail(result);

    public void Dispose()
    {
        foreach (var directory in _repositories.Where(Directory.Exists)) Directory.Delete(directory, recursive: true);
    }
}
