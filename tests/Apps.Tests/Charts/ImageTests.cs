using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

[Collection(ChartsCollection.Name)]
public sealed class ImageTests(ChartFixture charts)
{
    const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory, ClassData(typeof(EnvironmentCharts))]
    public async Task Every_pod_image_is_the_registry_the_repository_and_the_layered_tag(string environment, string chart)
    {
        var rendered = await charts.RenderAsync(chart, environment);
        var values = ChartFixture.LayeredValues(environment);
        var expected = ChartFixture.Images[chart].ToDictionary(
            i => i.Key,
            i => $"{ChartFixture.Registry}/{i.Value}:{values.StringAt($"{i.Key}.image.tag") ?? throw new InvalidOperationException($"no {i.Key}.image.tag in the {environment} values")}");

        var images = rendered.Containers.ToDictionary(c => c.Container.StringAt("name")!, c => c.Container.StringAt("image"));

        images.Should().BeEquivalentTo(expected);
        rendered.Workloads.Select(w => w.Kind).Should().BeSubsetOf(["Deployment", "StatefulSet", "Job"]);
    }

    [Theory, ClassData(typeof(EnvironmentCharts))]
    public async Task Global_registry_overrides_every_image_registry(string environment, string chart)
    {
        var ownRegistries = ChartFixture.Images[chart].Keys.SelectMany(c => new[] { "--set", $"{c}.image.registry=own.example:443" }).ToArray();

        var overridden = await charts.RenderAsync(chart, environment, [.. ownRegistries, "--set", "global.registry=other.example:5000"]);

        overridden.Containers.Select(c => c.Container.StringAt("image")).Should()
            .OnlyContain(image => image!.StartsWith("other.example:5000/"));
    }

    [Fact]
    public async Task Without_a_global_registry_each_image_uses_its_own()
    {
        var result = await Helm.RunAsync(["template", "apps", charts.ChartPath("apps"),
            .. ChartFixture.ValuesFiles("local").SelectMany(f => new[] { "-f", f }),
            "--set", "orders-api.image.registry=a.example", "--set", "orders-worker.image.registry=b.example",
            "--set", "web-ui.image.registry=c.example", "--set", "bus-bootstrap.image.registry=d.example"]);

        result.ExitCode.Should().Be(0, result.ToString());
        var rendered = Rendered.Parse(result.Output);
        rendered.Container("orders-api").StringAt("image").Should().StartWith("a.example/shop/orders-api:");
        rendered.Container("orders-worker").StringAt("image").Should().StartWith("b.example/shop/orders-worker:");
        rendered.Container("web-ui").StringAt("image").Should().StartWith("c.example/shop/web-ui:");
        rendered.Container("bus-bootstrap").StringAt("image").Should().StartWith("d.example/shop/bus-bootstrap:");
    }

    [Theory]
    [InlineData("apps", "orders-api", "shop/orders-api")]
    [InlineData("apps", "bus-bootstrap", "shop/bus-bootstrap")]
    [InlineData("base", "broker", "slipway-base/broker")]
    public async Task A_digest_pins_the_image_and_wins_over_the_tag(string chart, string component, string repository)
    {
        var rendered = await charts.RenderAsync(chart, "prod", "--set", $"{component}.image.digest={Digest}");

        rendered.Container(component).StringAt("image").Should().Be($"{ChartFixture.Registry}/{repository}@{Digest}");
        rendered.Containers.Where(c => c.Container.StringAt("name") != component).Select(c => c.Container.StringAt("image"))
            .Should().OnlyContain(image => image!.Contains(':') && !image.Contains('@'));
    }

    [Fact]
    public async Task An_empty_digest_set_after_the_values_files_unpins_the_digest_they_hold()
    {
        // what a deploy sets for an image it built by tag, over a digest BumpValues wrote into the values files
        var rendered = await charts.RenderAsync("apps", "prod", "--set", $"orders-api.image.digest={Digest}",
            "--set", "orders-api.image.tag=0123abcd", "--set", "orders-api.image.digest=");

        rendered.Container("orders-api").StringAt("image").Should().Be($"{ChartFixture.Registry}/shop/orders-api:0123abcd");
    }

    [Fact]
    public async Task The_entity_namespace_names_the_repositories()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set", "global.entityNamespace=books");

        rendered.Containers.Select(c => c.Container.StringAt("image")).Should()
            .OnlyContain(image => image!.StartsWith($"{ChartFixture.Registry}/books/"));
    }

    [Fact]
    public async Task A_missing_tag_fails_naming_the_value_to_set()
    {
        var result = await Helm.RunAsync(["template", "apps", charts.ChartPath("apps"),
            "-f", Path.Combine(ChartFixture.ValuesDirectory, "common.yaml"), "-f", Path.Combine(ChartFixture.ValuesDirectory, "dev.yaml"),
            "-f", Path.Combine(ChartFixture.ValuesDirectory, "components", "orders-api.yaml"),
            "--set", "global.registry=reg.test:5000"]);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().MatchRegex(@"(orders-worker|web-ui|bus-bootstrap)\.image\.tag");
    }

    [Theory]
    [InlineData("latest", "immutable tag")]
    [InlineData("", "image.tag")]
    public async Task A_mutable_or_empty_tag_is_refused(string tag, string message)
    {
        var result = await charts.TemplateAsync("apps", "dev", "--set", $"web-ui.image.tag={tag}");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("web-ui").And.Contain(message);
    }

    [Fact]
    public async Task A_malformed_digest_is_refused()
    {
        var result = await charts.TemplateAsync("base", "dev", "--set", "database.image.digest=sha256:abc");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("database.image.digest").And.Contain("not a sha256 digest");
    }

    [Fact]
    public async Task No_registry_at_all_fails_saying_how_the_build_passes_it()
    {
        var result = await Helm.RunAsync(["template", "base", charts.ChartPath("base"),
            .. ChartFixture.ValuesFiles("local").SelectMany(f => new[] { "-f", f })]);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("no image registry").And.Contain("--set global.registry=");
    }

    [Fact]
    public async Task Prod_values_alone_name_the_client_registry_placeholder()
    {
        var result = await Helm.RunAsync(["template", "apps", charts.ChartPath("apps"),
            .. ChartFixture.ValuesFiles("prod").SelectMany(f => new[] { "-f", f })]);

        result.ExitCode.Should().Be(0, result.ToString());
        Rendered.Parse(result.Output).Containers.Select(c => c.Container.StringAt("image")).Should()
            .OnlyContain(image => image!.StartsWith("client-registry.example:5000/shop/"));
    }
}
