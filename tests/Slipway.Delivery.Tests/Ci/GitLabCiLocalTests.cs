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
            .StartWith(["compile on_success", "test on_success", "stack-test on_success", "images on_success"])
            .And.Contain("deploy-recette on_success")
            .And.NotContain(j => j.StartsWith("deploy-dev") || j.StartsWith("retag"));

        Jobs(repository, "--unset-variable", "CI_COMMIT_BRANCH", "--variable", "CI_COMMIT_TAG=prod.v1.0.0", "--variable", "CI_COMMIT_REF_NAME=prod.v1.0.0")
            .Should().Contain(["retag-prod manual", "deploy-prod on_success"]).And.NotContain(j => j.StartsWith("deploy-dev"));

        Jobs(repository, "--variable", "CI_COMMIT_BRANCH=feature/JIRA-142-new-pricing", "--variable", "CI_COMMIT_REF_NAME=feature/JIRA-142-new-pricing")
            .Should().Contain(["deploy-preview on_success", "stop-preview manual"]).And.NotContain(j => j.StartsWith("deploy-dev"));

        Jobs(repository, "--variable", "CI_COMMIT_BRANCH=main", "--variable", "CI_COMMIT_MESSAGE=Bump orders-api [skip ci]")
            .Should().BeEmpty("a [skip ci] commit maps to no environment, so no job runs");
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
        File.WriteAllText(Path.Combine(repository, "src", "apps", "web-ui", "Broken.cs"), "namespace WebUi; class Broken { int x = \"not a number\"; }\n");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "A change that does not compile");

        var result = Pipeline(repository, "ci/local-check");

        result.ExitCode.Should().Be(1, Tail(result));
        result.AllOutput().Should().Contain("FAIL  compile").And.NotMatchRegex(@"\btest +starting");
    }

    private ProcessResult Pipeline(string repository, string branch)
    {
        // The shell executor stands in for the docker executor the jobs' image: is for (the SDK is on this machine).
        var result = CiClientScripts.Run("gitlab-ci-local.sh", [repository, "--shell-isolation", "--no-artifacts-to-source",
            "--force-shell-executor",
            "--variable", $"CI_COMMIT_BRANCH={branch}",
            // A project variable narrows the test job's filter (as one could in the UI); the job stays as generated.
            "--variable", "SLIPWAY_TEST_FILTER=FullyQualifiedName~Slipway.Engine.Tests.GraphTests",
            // Jobs restore from the machine's package folder instead of filling an empty one per job copy.
            "--variable", $"NUGET_PACKAGES={Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages")}"], RunTimeout);
        output.WriteLine(Tail(result));
        return result;
    }

    /// <summary>The jobs a ref gets, as "name when", leaving out those whose rules say never.</summary>
    private List<string> Jobs(string repository, params string[] variables)
    {
        var result = CiClientScripts.Run("gitlab-ci-local.sh", [repository, "--list-json", .. variables], ListTimeout);
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
        var result = CiClientScripts.Run("throwaway-repository.sh", [directory, branch], TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, result.AllOutput());
        return directory;
    }

    private static void Git(string repository, params string[] arguments) =>
        ProcessRunner.Run("git", arguments, new ProcessOptions { WorkingDirectory = repository, LogOutput = false, LogInvocation = false });

    private static string Tail(ProcessResult result) => string.Join('\n', result.Output.TakeLast(60).Select(l => l.Text));

    public void Dispose()
    {
        foreach (var directory in _repositories.Where(Directory.Exists)) Directory.Delete(directory, recursive: true);
    }
}
