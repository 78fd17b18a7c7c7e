using FluentAssertions;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

[Collection(ChartsCollection.Name)]
public sealed class RoutingTests(ChartFixture charts)
{
    [Fact]
    public async Task Routed_components_get_an_ingress_at_their_route_prefix()
    {
        var rendered = await charts.RenderAsync("apps", "dev");

        var ingresses = rendered.Manifests.Where(m => m.Kind == "Ingress").ToDictionary(i => i.Name);
        ingresses.Keys.Should().BeEquivalentTo("orders-api", "web-ui");
        ingresses["orders-api"].Root.StringAt("spec.rules.0.http.paths.0.path").Should().Be("/shop/orders-api/");
        ingresses["orders-api"].Root.StringAt("spec.rules.0.http.paths.0.backend.service.name").Should().Be("orders-api");
        ingresses["orders-api"].Root.StringAt("spec.rules.0.http.paths.0.backend.service.port.number").Should().Be("8080");
        ingresses["orders-api"].Root.StringAt("spec.rules.0.host").Should().Be("dev.shop.example");
        ingresses["orders-api"].Root.StringAt("spec.ingressClassName").Should().Be("nginx");
        ingresses["web-ui"].Root.StringAt("spec.rules.0.http.paths.0.path").Should().Be("/shop/web-ui/");
    }

    [Fact]
    public async Task Nothing_is_routed_where_routing_is_off()
    {
        var rendered = await charts.RenderAsync("apps", "local");

        rendered.Manifests.Should().NotContain(m => m.Kind == "Ingress" || m.Kind == "VirtualService");
    }

    [Fact]
    public async Task The_route_prefix_and_the_switch_are_per_component_values()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set", "orders-api.route.prefix=/api/orders/", "--set", "web-ui.ingress.enabled=false");

        rendered.Single("Ingress", "orders-api").Root.StringAt("spec.rules.0.http.paths.0.path").Should().Be("/api/orders/");
        rendered.Manifests.Should().NotContain(m => m.Kind == "Ingress" && m.Name == "web-ui");
    }

    [Fact]
    public async Task A_route_prefix_without_slashes_is_refused()
    {
        var result = await charts.TemplateAsync("apps", "dev", "--set", "orders-api.route.prefix=/api/orders");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("route.prefix").And.Contain("must start and end with");
    }

    [Fact]
    public async Task An_istio_virtual_service_routes_the_prefix_and_rewrites_it()
    {
        var rendered = await charts.RenderAsync("apps", "local", "--set", "global.virtualService.enabled=true",
            "--set", "global.virtualService.gateways[0]=shop-gateway");

        var services = rendered.Manifests.Where(m => m.Kind == "VirtualService").ToDictionary(v => v.Name);
        services.Keys.Should().BeEquivalentTo("orders-api", "web-ui");
        var api = services["orders-api"].Root;
        api.StringAt("apiVersion").Should().Be("networking.istio.io/v1beta1");
        api.ListAt("spec.gateways").Should().Equal("shop-gateway");
        api.ListAt("spec.hosts").Should().Equal("*");
        api.StringAt("spec.http.0.match.0.uri.prefix").Should().Be("/shop/orders-api/");
        api.StringAt("spec.http.0.rewrite.uri").Should().Be("/");
        api.StringAt("spec.http.0.route.0.destination.host").Should().Be("orders-api");
        api.StringAt("spec.http.0.route.0.destination.port.number").Should().Be("8080");
    }

    [Fact]
    public async Task A_virtual_service_without_a_gateway_is_refused()
    {
        var result = await charts.TemplateAsync("apps", "local", "--set", "global.virtualService.enabled=true");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("virtualService.gateways");
    }
}
