using FluentAssertions;
using Slipway.Sample.BusBootstrap;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

[Collection(ChartsCollection.Name)]
public sealed class BootstrapHookTests(ChartFixture charts)
{
    public static TheoryDataFor Environments => new(ChartFixture.Environments);

    static Manifest Job(Rendered rendered) => rendered.Manifests.Single(m => m.Kind == "Job");

    [Theory, MemberData(nameof(Environments))]
    public async Task The_bootstrap_job_carries_exactly_the_hook_annotations(string environment)
    {
        var rendered = await charts.RenderAsync("apps", environment);

        var job = Job(rendered);
        job.Name.Should().Be("apps-bootstrap");
        job.Annotations.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["helm.sh/hook"] = "pre-install,pre-upgrade",
            // kept after it succeeded, so its log can be read; the next deploy replaces it
            ["helm.sh/hook-delete-policy"] = "before-hook-creation",
        });
        rendered.Manifests.Where(m => m != job).Should().OnlyContain(m => !m.Annotations.Keys.Any(k => k.StartsWith("helm.sh/hook")),
            "only the bootstrap Job is a hook");
        job.Root.StringAt("spec.template.spec.restartPolicy").Should().Be("Never");
        job.Root.StringAt("spec.backoffLimit").Should().Be("0");
    }

    [Theory, MemberData(nameof(Environments))]
    public async Task The_base_chart_has_no_hook(string environment)
    {
        var rendered = await charts.RenderAsync("base", environment);

        rendered.Manifests.Should().OnlyContain(m => !m.Annotations.Keys.Any(k => k.StartsWith("helm.sh/hook")));
    }

    [Fact]
    public async Task By_default_the_job_is_not_asked_to_fail()
    {
        var job = Job(await charts.RenderAsync("apps", "dev"));

        Rendered.EnvValue(job.Containers.Single(), "BOOTSTRAP_FAIL").Should().BeNull();
    }

    [Fact]
    public async Task Failing_on_purpose_sets_BOOTSTRAP_FAIL()
    {
        var job = Job(await charts.RenderAsync("apps", "local", "--set", "bootstrap.failOnPurpose=true"));

        Rendered.EnvValue(job.Containers.Single(), "BOOTSTRAP_FAIL").Should().Be("true");
        job.Annotations.Should().HaveCount(2, "the hook annotations do not change");
    }

    [Fact]
    public async Task The_job_gathers_every_component_declaration_and_the_bootstrap_app_accepts_them()
    {
        var job = Job(await charts.RenderAsync("apps", "recette"));
        var json = Rendered.EnvValue(job.Containers.Single(), "BOOTSTRAP_DECLARATIONS");

        var declarations = DeclarationParser.Parse(json!);

        declarations.Topics.Should().BeEquivalentTo(new[]
        {
            new TopicDeclaration("orders.created", ["orders-api", "orders-worker"]),
            new TopicDeclaration("orders.cancelled", ["orders-api"]),
            new TopicDeclaration("orders.dead-letter", ["orders-worker"]),
        });
        declarations.Schemas.Should().BeEquivalentTo(new[]
        {
            new SchemaDeclaration("orders", ["orders-api"]),
            new SchemaDeclaration("fulfilment", ["orders-worker"]),
        });
    }

    [Fact]
    public async Task A_topic_added_in_values_reaches_the_hook_and_the_component()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set-json", """web-ui.bus.topics=[{"name":"ui.events"}]""");

        var declarations = DeclarationParser.Parse(Rendered.EnvValue(Job(rendered).Containers.Single(), "BOOTSTRAP_DECLARATIONS")!);
        declarations.Topics.Should().ContainEquivalentOf(new TopicDeclaration("ui.events", ["web-ui"]));
        Rendered.EnvValue(rendered.Container("web-ui"), "BUS__TOPICS").Should().Be("ui.events");
        Rendered.EnvValue(rendered.Container("web-ui"), "BUS__BROKER").Should().Be("broker:5672", "declaring a topic tells where the bus is");
        Rendered.EnvValue(rendered.Container("orders-api"), "BUS__TOPICS").Should().Be("orders.created,orders.cancelled");
    }

    [Fact]
    public async Task A_disabled_component_is_not_deployed_and_declares_nothing()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set", "orders-worker.enabled=false");

        rendered.Manifests.Should().NotContain(m => m.Name == "orders-worker");
        var declarations = DeclarationParser.Parse(Rendered.EnvValue(Job(rendered).Containers.Single(), "BOOTSTRAP_DECLARATIONS")!);
        declarations.Topics.Select(t => t.Name).Should().NotContain("orders.dead-letter");
        declarations.Topics.Single(t => t.Name == "orders.created").Components.Should().Equal("orders-api");
    }

    [Theory, MemberData(nameof(Environments))]
    public async Task The_job_and_the_apps_reach_the_environment_database_and_bus_with_passwords_from_secrets(string environment)
    {
        var rendered = await charts.RenderAsync("apps", environment);
        var job = Job(rendered).Containers.Single();

        foreach (var container in new[] { job, rendered.Container("orders-api"), rendered.Container("orders-worker") })
        {
            Rendered.EnvValue(container, "DATABASE__HOST").Should().Be("database");
            Rendered.EnvValue(container, "DATABASE__NAME").Should().Be(environment == "prod" ? "shop" : $"shop_{environment}");
            Rendered.EnvValue(container, "DATABASE__USER").Should().Be("shop");
            Rendered.EnvValue(container, "BUS__BROKER").Should().Be("broker:5672");
            Rendered.EnvValue(container, "BUS__EXCHANGE").Should().Be("shop.events");
            SecretOf(container, "DATABASE__PASSWORD").Should().Be("orders-db/app-password");
            SecretOf(container, "BUS__PASSWORD").Should().Be("orders-bus/password");
        }
        SecretOf(job, "DATABASE__ADMINPASSWORD").Should().Be("orders-db/password");
        Rendered.EnvValue(job, "DATABASE__ADMINUSER").Should().Be("postgres");
        Rendered.EnvValue(rendered.Container("web-ui"), "DATABASE__HOST").Should().BeNull("web-ui declares no database");
    }

    static string? SecretOf(Dictionary<string, object?> container, string name)
    {
        var entry = container.ListAt("env").OfType<Dictionary<string, object?>>().FirstOrDefault(e => e.StringAt("name") == name);
        return entry?.StringAt("valueFrom.secretKeyRef.name") is { } secret ? $"{secret}/{entry.StringAt("valueFrom.secretKeyRef.key")}" : null;
    }

    [Fact]
    public async Task The_job_can_be_switched_off()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set", "bootstrap.enabled=false");

        rendered.Manifests.Should().NotContain(m => m.Kind == "Job");
    }
}
