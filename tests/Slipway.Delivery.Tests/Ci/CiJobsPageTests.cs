using FluentAssertions;
using Slipway.Delivery.Ci.Page;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>The README's CI jobs section: generated with the CI files, so every job and variable is on it.</summary>
public sealed class CiJobsPageTests
{
    private readonly string _readme = RepositoryBuild.Files()[CiJobsPage.FileName];

    private string Section => _readme[_readme.IndexOf(CiJobsPage.Begin, StringComparison.Ordinal)..
                                      _readme.IndexOf(CiJobsPage.End, StringComparison.Ordinal)];

    [Fact]
    public void Every_job_and_every_variable_a_job_reads_is_listed()
    {
        var pipeline = RepositoryBuild.Pipeline();
        var gitLab = RepositoryBuild.Files()[".gitlab-ci.yml"];

        foreach (var job in pipeline.Jobs.Where(j => j.Component == null))
            Section.Should().Contain($"- **`{job.Id}`**: `{job.Command}`\n");
        // a per-component job once, naming each component
        Section.Should().Contain("- **`images-<component>`**: `./build.sh DockerBuild PushImage --no-logo");
        foreach (var part in pipeline.Jobs.Where(j => j.Component != null))
            Section.Should().Contain($"`{part.Component!.Component.Name}`");
        foreach (var input in pipeline.Inputs) Section.Should().Contain($"`{input.Variable}`");
        // Every setting the GitLab file names is on the page, but those the file sets itself from the ref.
        var named = System.Text.RegularExpressions.Regex
            .Matches(gitLab, @"\b(SLIPWAY_[A-Z_]+|KUBECONFIG_[A-Z_]+|TARGET_REPO\w*)")
            .Select(m => m.Groups[1].Value).Except(["SLIPWAY_ENV", "SLIPWAY_PREVIEW_BRANCH"]).Distinct().ToList();
        named.Should().Contain(["KUBECONFIG_RECETTE", "SLIPWAY_REGISTRY_PASSWORD", "TARGET_REPO_PASSWORD"]);
        foreach (var name in named) Section.Should().Contain($"`{name}`");
        Section.Should().Contain("self-hosted `slipway-stack`").And.Contain("the `docker:27.5.1-dind` service");
        Section.Split('\n').Should().OnlyContain(line => line.Length <= 120);
    }

    [Fact]
    public void The_section_is_replaced_in_place_and_the_rest_of_the_readme_kept()
    {
        var readme = $"# Project\n\nIntro.\n\n{CiJobsPage.Begin}\nold table\n{CiJobsPage.End}\n\n## After\nText.\n";

        var written = CiJobsPage.Into(readme, RepositoryBuild.Pipeline(), RepositoryBuild.Create().Ci);

        written.Should().StartWith("# Project\n\nIntro.\n\n" + CiJobsPage.Begin + "\n")
            .And.EndWith(CiJobsPage.End + "\n\n## After\nText.\n");
        written.Should().NotContain("old table").And.Contain("- **`compile`**: ");
        CiJobsPage.Into("# Other\n", RepositoryBuild.Pipeline(), RepositoryBuild.Create().Ci).Should()
            .StartWith("# Other\n\n" + CiJobsPage.Begin, "a README without the section gets it appended");
    }
}
