using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("RegistryPassword", "registry-password", "REGISTRY_PASSWORD")]
    [InlineData("Env", "env", "ENV")]
    [InlineData("DeployRepoURL", "deploy-repo-url", "DEPLOY_REPO_URL")]
    [InlineData("HTTPTimeout", "http-timeout", "HTTP_TIMEOUT")]
    public void Parameter_names_are_spelled_per_source(string member, string kebab, string screaming)
    {
        ParameterNames.Kebab(member).Should().Be(kebab);
        ParameterNames.Screaming(member).Should().Be(screaming);
        ParameterNames.Normalize(kebab).Should().Be(ParameterNames.Normalize(screaming));
    }

    [Theory]
    [InlineData("DeployAps", "DeployApps")]
    [InlineData("deploy-apps", "DeployApps")]
    [InlineData("Deploy", "DeployApps")]
    public void Suggestions_find_the_closest_name(string typed, string expected)
    {
        Suggestions.Closest(typed, ["DeployApps", "DeployBase", "Compile"]).Should().Be(expected);
    }

    [Fact]
    public void Nothing_is_suggested_for_an_unrelated_name()
    {
        Suggestions.Closest("Zebra", ["DeployApps", "Compile"]).Should().BeNull();
    }
}
