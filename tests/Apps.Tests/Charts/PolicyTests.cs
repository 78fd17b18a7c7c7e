using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>Namespaces, pull policies and pull secrets come from helm and the values, never from the templates.</summary>
[Collection(ChartsCollection.Name)]
public sealed class PolicyTests(ChartFixture charts)
{
    [Theory, ClassData(typeof(EnvironmentCharts))]
    public async Task No_rendered_manifest_sets_a_namespace(string environment, string chart)
    {
        var rendered = await charts.RenderAsync(chart, environment);

        rendered.Manifests.Should().NotBeEmpty();
        rendered.Manifests.Where(m => m.Root.At("metadata.namespace") != null).Should().BeEmpty("helm --namespace decides");
    }

    [Theory, ClassData(typeof(EnvironmentCharts))]
    public async Task Pull_policy_and_pull_secrets_are_the_environment_values(string environment, string chart)
    {
        var values = ChartFixture.LayeredValues(environment);
        var policy = values.StringAt("global.pullPolicy");
        var secrets = values.ListAt("global.imagePullSecrets").Cast<string>().ToList();

        var rendered = await charts.RenderAsync(chart, environment);

        rendered.Containers.Select(c => c.Container.StringAt("imagePullPolicy")).Should().OnlyContain(p => p == policy);
        foreach (var workload in rendered.Workloads)
            PullSecrets(workload).Should().Equal(secrets, "{0} in {1}", workload, environment);
    }

    [Theory]
    [InlineData("apps")]
    [InlineData("base")]
    public async Task Changing_the_global_pull_policy_changes_every_container(string chart)
    {
        var always = await charts.RenderAsync(chart, "dev", "--set", "global.pullPolicy=Always");
        var never = await charts.RenderAsync(chart, "dev", "--set", "global.pullPolicy=Never");

        always.Containers.Select(c => c.Container.StringAt("imagePullPolicy")).Should().OnlyContain(p => p == "Always");
        never.Containers.Select(c => c.Container.StringAt("imagePullPolicy")).Should().OnlyContain(p => p == "Never");
    }

    [Fact]
    public async Task A_component_pull_policy_overrides_the_global_one_for_that_component_only()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set", "global.pullPolicy=Always", "--set", "orders-api.image.pullPolicy=Never",
            "--set", "bus-bootstrap.image.pullPolicy=IfNotPresent");

        rendered.Container("orders-api").StringAt("imagePullPolicy").Should().Be("Never");
        rendered.Container("bus-bootstrap").StringAt("imagePullPolicy").Should().Be("IfNotPresent");
        rendered.Container("web-ui").StringAt("imagePullPolicy").Should().Be("Always");
    }

    [Theory]
    [InlineData("apps")]
    [InlineData("base")]
    public async Task Changing_the_global_pull_secrets_changes_every_pod(string chart)
    {
        var none = await charts.RenderAsync(chart, "local");
        var one = await charts.RenderAsync(chart, "local", "--set", "global.imagePullSecrets[0]=regcred");
        var two = await charts.RenderAsync(chart, "local", "--set-json", """global.imagePullSecrets=["a",{"name":"b"}]""");

        none.Workloads.Should().OnlyContain(w => w.PodSpec!.At("imagePullSecrets") == null);
        one.Workloads.Should().OnlyContain(w => PullSecrets(w).SequenceEqual(new[] { "regcred" }));
        two.Workloads.Should().OnlyContain(w => PullSecrets(w).SequenceEqual(new[] { "a", "b" }));
    }

    [Fact]
    public async Task A_component_pull_secret_list_overrides_the_global_one_for_that_component_only()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set", "orders-api.imagePullSecrets[0]=special",
            "--set-json", "bus-bootstrap.imagePullSecrets=[]");

        PullSecrets(rendered.Single("Deployment", "orders-api")).Should().Equal("special");
        PullSecrets(rendered.Manifests.Single(m => m.Kind == "Job")).Should().BeEmpty();
        PullSecrets(rendered.Single("Deployment", "web-ui")).Should().Equal("registry-pull");
    }

    [Theory]
    [InlineData("local", 1)]
    [InlineData("prod", 3)]
    public async Task Replicas_follow_the_environment(string environment, int replicas)
    {
        var rendered = await charts.RenderAsync("apps", environment);

        rendered.Manifests.Where(m => m.Kind == "Deployment").Select(d => d.Root.StringAt("spec.replicas"))
            .Should().HaveCount(3).And.OnlyContain(r => r == replicas.ToString());
    }

    [Fact]
    public async Task Prod_keeps_base_product_data_on_persistent_volumes()
    {
        var prod = await charts.RenderAsync("base", "prod");
        var local = await charts.RenderAsync("base", "local");

        prod.Manifests.Where(m => m.Kind == "StatefulSet").Should().OnlyContain(s => s.Root.ListAt("spec.volumeClaimTemplates").Count == 1);
        local.Manifests.Where(m => m.Kind == "StatefulSet").Should().OnlyContain(s => s.Root.At("spec.volumeClaimTemplates") == null
            && s.PodSpec!.ListAt("volumes").OfType<Dictionary<string, object?>>().Any(v => v.StringAt("name") == "data" && v.At("emptyDir") != null));
    }

    static List<string?> PullSecrets(Manifest workload) =>
        workload.PodSpec!.ListAt("imagePullSecrets").OfType<Dictionary<string, object?>>().Select(s => s.StringAt("name")).ToList();
}
