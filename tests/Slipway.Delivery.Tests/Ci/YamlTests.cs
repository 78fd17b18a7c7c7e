using FluentAssertions;
using Slipway.Delivery.Ci.Yaml;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>What the generator writes is YAML that reads back as the values it meant.</summary>
public sealed class YamlTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("./build.sh Compile --skip A B --no-logo")]
    [InlineData("$CI_COMMIT_BRANCH == \"main\" || $CI_COMMIT_TAG =~ /^prod\\.v[^\\/]*$/")]
    [InlineData("${{ startsWith(github.ref, 'refs/tags/') && 'prod' || '' }}")]
    [InlineData("!cancelled() && (a)")]
    [InlineData("it's \"quoted\"")]
    [InlineData("true")]
    [InlineData("on")]
    [InlineData("1")]
    [InlineData("0.5")]
    [InlineData("1e3")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("key: value")]
    [InlineData("a #comment")]
    [InlineData("* star")]
    [InlineData("- dash")]
    [InlineData("[x]")]
    [InlineData("@at")]
    [InlineData("trailing:")]
    [InlineData("")]
    [InlineData(" padded ")]
    public void Scalars_read_back_unchanged_in_block_and_flow_positions(string value)
    {
        var text = YamlEmitter.Emit(new YamlMapping()
            .Add("block", value)
            .Add("flow", YamlSequence.Of([value, "x"], flow: true))
            .Add("list", YamlSequence.Of([value])));

        var root = Load(text);
        ((YamlScalarNode)root["block"]).Value.Should().Be(value, text);
        ((YamlScalarNode)((YamlSequenceNode)root["flow"])[0]).Value.Should().Be(value, text);
        ((YamlScalarNode)((YamlSequenceNode)root["list"])[0]).Value.Should().Be(value, text);
    }

    [Fact]
    public void Every_generated_file_parses_and_holds_the_expected_jobs()
    {
        var files = RepositoryBuild.Files();

        var gitLab = Load(files[".gitlab-ci.yml"]);
        gitLab.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value).Should().StartWith(["workflow", "stages", "variables", "default", "compile"]);
        var deployPrevious = (YamlMappingNode)gitLab["deploy-preview"];
        ((YamlScalarNode)((YamlMappingNode)deployPrevious["environment"])["on_stop"]).Value.Should().Be("stop-preview");
        ((YamlScalarNode)((YamlMappingNode)gitLab["stop-preview"])["allow_failure"]).Style.Should().Be(YamlDotNet.Core.ScalarStyle.Plain);

        var gitHub = Load(files[".github/workflows/delivery.yml"]);
        ((YamlMappingNode)gitHub["jobs"]).Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value).Should()
            .Contain(["compile", "stack-test", "deploy-prod"]);
        var upload = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)gitHub["jobs"])["compile"])["steps"]).Last();
        ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)upload)["with"])["path"]).Value.Should()
            .Be("global.json\nartifacts/\nsrc/**/bin/\nsrc/**/obj/\ntests/**/bin/\ntests/**/obj/\n.nuke/temp/bin/\n" +
                ".nuke/temp/build.stamp\n");

        Load(files[".github/workflows/delivery-stop-preview.yml"]).Children.Should().ContainKey(new YamlScalarNode("jobs"));
    }

    private static YamlMappingNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
