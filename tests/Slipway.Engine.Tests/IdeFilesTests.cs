using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class IdeFilesTests
{
    [Fact]
    public void Launch_profiles_and_schema_follow_the_target_and_parameter_set()
    {
        var build = new ParameterBuild();
        var targets = TargetDiscovery.Discover(build);
        var parameters = ParameterDiscovery.Discover(typeof(ParameterBuild));

        var launch = IdeFiles.LaunchSettings(targets);
        var schema = IdeFiles.Schema(targets, parameters);

        launch.Should().Contain("\"Deploy\"").And.Contain("\"commandLineArgs\": \"Show --no-logo\"");
        schema.Should().Contain("\"Replicas\"").And.Contain("\"integer\"").And.Contain("\"Recette\"");
        IdeFiles.LaunchSettings(TargetDiscovery.Discover(new GraphBuild())).Should().NotContain("Hidden");
    }
}
