using FluentAssertions;
using Slipway.Delivery.Environments;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Environments;

public sealed class EnvironmentResolverTests
{
    private static readonly DeploymentEnvironment[] Environments =
    [
        new("local"),
        new("dev") { Branches = ["master"] },
        new("recette") { Branches = ["recette"] },
        new("prod") { TagPatterns = ["prod.v*"] },
        new("preview") { Branches = ["feature/*", "bug/*", "epic/*"], IsPreview = true },
    ];

    private static DeploymentEnvironment Resolve(string? requested, Dictionary<string, string>? variables = null, string? branch = null, string[]? tags = null) =>
        EnvironmentResolver.Resolve(Environments, requested, variables ?? new(), branch, tags ?? []);

    [Fact]
    public void The_command_line_wins() =>
        Resolve("recette", new() { ["CI_COMMIT_BRANCH"] = "master" }).Name.Should().Be("recette");

    [Fact]
    public void A_release_tag_maps_to_prod_in_gitlab_github_and_git()
    {
        Resolve(null, new() { ["CI_COMMIT_TAG"] = "prod.v1.4.0" }).Name.Should().Be("prod");
        Resolve(null, new() { ["GITHUB_REF"] = "refs/tags/prod.v1.4.0" }).Name.Should().Be("prod");
        Resolve(null, branch: null, tags: ["prod.v2.0.0"]).Name.Should().Be("prod");
    }

    [Fact]
    public void Branches_map_from_ci_variables_then_git()
    {
        Resolve(null, new() { ["CI_COMMIT_BRANCH"] = "recette" }).Name.Should().Be("recette");
        Resolve(null, new() { ["GITHUB_REF"] = "refs/heads/master" }).Name.Should().Be("dev");
        Resolve(null, branch: "master").Name.Should().Be("dev");
    }

    [Fact]
    public void A_preview_branch_gets_its_own_namespace()
    {
        var preview = Resolve(null, branch: "feature/JIRA-142-new-pricing");

        preview.IsPreview.Should().BeTrue();
        preview.Namespace.Should().StartWith("preview-feature-jira-142-new-pricing");
        preview.DeployBranch.Should().Be("feature/JIRA-142-new-pricing");
    }

    [Fact]
    public void Unknown_environments_and_unmapped_branches_are_usage_errors()
    {
        var unknown = () => Resolve("recete");
        unknown.Should().Throw<UsageException>().WithMessage("*Did you mean 'recette'?*");
        var unmapped = () => Resolve(null, branch: "hotfix/x");
        unmapped.Should().Throw<UsageException>().WithMessage("*hotfix/x*--env*");
    }

    [Theory]
    [InlineData("${A}", "a")]
    [InlineData("${MISSING:-${B}}", "b")]
    [InlineData("${MISSING:-fallback}/x", "fallback/x")]
    [InlineData("${A:-${B}}", "a")]
    [InlineData("plain", "plain")]
    public void Variables_expand_with_nested_fallbacks(string text, string expected) =>
        VariableExpander.Expand(text, name => name switch { "A" => "a", "B" => "b", _ => null }).Should().Be(expected);
}
