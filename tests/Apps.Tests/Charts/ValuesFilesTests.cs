using System.Text.RegularExpressions;
using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>deploy/values: the layers and the one-line tag files the build edits.</summary>
public sealed class ValuesFilesTests
{
    static readonly string ComponentsDirectory = Path.Combine(ChartFixture.ValuesDirectory, "components");

    public static TheoryDataFor Components => new(ChartFixture.Images.Values.SelectMany(i => i.Keys).Order());

    [Fact]
    public void There_is_one_tag_file_per_image_and_a_file_per_environment()
    {
        Directory.GetFiles(ComponentsDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).Should()
            .BeEquivalentTo(ChartFixture.Images.Values.SelectMany(i => i.Keys));
        foreach (var environment in ChartFixture.Environments.Append("common"))
            File.Exists(Path.Combine(ChartFixture.ValuesDirectory, environment + ".yaml")).Should().BeTrue(environment);
    }

    [Theory, MemberData(nameof(Components))]
    public void A_tag_file_holds_only_the_tag_as_block_yaml_with_its_marker(string component)
    {
        var text = File.ReadAllText(Path.Combine(ComponentsDirectory, component + ".yaml"));

        Yaml.LoadMap(text).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            [component] = new Dictionary<string, object?> { ["image"] = new Dictionary<string, object?> { ["tag"] = Yaml.LoadMap(text).StringAt($"{component}.image.tag") } },
        });
        var content = text.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();
        content.Should().Equal($"{component}:", "  image:", content[2]);
        content[2].Should().MatchRegex($@"^    tag: ""[0-9A-Za-z._-]+"" # slipway:image={Regex.Escape(component)}$",
            "the tag is a quoted string (a sha like 0123456 must not become a number) on the marked line");
        Regex.Matches(text, "slipway:image=").Should().HaveCount(1);
    }

    [Fact]
    public void Only_the_tag_files_set_tags()
    {
        foreach (var file in ChartFixture.ValuesFiles("prod").Concat(ChartFixture.ValuesFiles("local")).Where(f => !f.StartsWith(ComponentsDirectory)).Distinct())
            File.ReadAllText(file).Should().NotMatchRegex(@"(?m)^\s*(tag|digest)\s*:", file);
    }

    [Fact]
    public void Prod_names_a_target_registry_and_runs_three_replicas_of_each_app()
    {
        var prod = Yaml.LoadMap(File.ReadAllText(Path.Combine(ChartFixture.ValuesDirectory, "prod.yaml")));

        prod.StringAt("global.registry").Should().NotBeNullOrEmpty();
        foreach (var component in new[] { "orders-api", "orders-worker", "web-ui" })
            prod.StringAt($"{component}.replicaCount").Should().Be("3", component);
    }

    [Fact]
    public void No_environment_but_prod_fixes_the_registry()
    {
        foreach (var environment in new[] { "common", "local", "dev", "recette" })
            Yaml.LoadMap(File.ReadAllText(Path.Combine(ChartFixture.ValuesDirectory, environment + ".yaml"))).StringAt("global.registry")
                .Should().BeNull("{0}: the build passes --set global.registry", environment);
    }
}
