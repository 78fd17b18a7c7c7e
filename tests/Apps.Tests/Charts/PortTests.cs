using FluentAssertions;
using Slipway.Sample.Tests.Dockerfiles;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>The port a container serves is the one its Service and probes use ("compose mapped a port the container did not serve").</summary>
[Collection(ChartsCollection.Name)]
public sealed class PortTests(ChartFixture charts)
{
    public static TheoryData<string, string, string, string> Components => new()
    {
        // chart, component, Dockerfile, the variable the process reads its port from
        { "apps", "orders-api", Repo.PathOf("src", "apps", "orders-api", "Dockerfile"), "ASPNETCORE_HTTP_PORTS" },
        { "apps", "orders-worker", Repo.PathOf("src", "apps", "orders-worker", "Dockerfile"), "ASPNETCORE_HTTP_PORTS" },
        { "apps", "web-ui", Repo.PathOf("src", "apps", "web-ui", "Dockerfile"), "ASPNETCORE_HTTP_PORTS" },
        { "base", "broker", Repo.PathOf("charts", "base", "images", "broker", "Dockerfile"), "RABBITMQ_NODE_PORT" },
        { "base", "database", Repo.PathOf("charts", "base", "images", "database", "Dockerfile"), "PGPORT" },
    };

    [Theory, MemberData(nameof(Components))]
    public async Task Container_service_probes_and_image_agree_on_the_port(string chart, string component, string dockerfile, string portVariable)
    {
        var image = new DockerfileModel(dockerfile);
        var port = image.All("EXPOSE").Should().ContainSingle().Subject;
        image.Env[portVariable].Should().Be(port);
        if (AppImage.All.SingleOrDefault(a => a.Folder == component) is { Port: { } constant }) constant.ToString().Should().Be(port);

        var rendered = await charts.RenderAsync(chart, "dev");
        var container = rendered.Container(component);
        var containerPort = container.ListAt("ports").Should().ContainSingle().Subject.Should().BeOfType<Dictionary<string, object?>>().Subject;
        containerPort.StringAt("containerPort").Should().Be(port);
        Rendered.EnvValue(container, portVariable).Should().Be(port, "the chart tells the process which port to serve");
        var portName = containerPort.StringAt("name");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
        {
            var handler = container.MapAt(probe);
            // an exec probe runs in the container and reads the port from its environment (pg_isready: PGPORT)
            if (handler.At("exec") != null) continue;
            var probePort = handler.StringAt("httpGet.port") ?? handler.StringAt("tcpSocket.port");
            probePort.Should().Be(portName, "{0} of {1}", probe, component);
        }

        var service = rendered.Single("Service", component);
        service.Root.StringAt("spec.ports.0.port").Should().Be(port);
        service.Root.StringAt("spec.ports.0.targetPort").Should().Be(portName);
    }

    [Fact]
    public async Task Changing_the_port_value_moves_the_container_the_service_and_the_process_together()
    {
        var rendered = await charts.RenderAsync("apps", "dev", "--set", "orders-api.port=9090");

        var container = rendered.Container("orders-api");
        container.StringAt("ports.0.containerPort").Should().Be("9090");
        Rendered.EnvValue(container, "ASPNETCORE_HTTP_PORTS").Should().Be("9090");
        rendered.Single("Service", "orders-api").Root.StringAt("spec.ports.0.port").Should().Be("9090");
    }

    [Fact]
    public async Task Health_probes_hit_the_apps_health_endpoints()
    {
        var rendered = await charts.RenderAsync("apps", "dev");

        foreach (var component in new[] { "orders-api", "orders-worker", "web-ui" })
        {
            rendered.Container(component).StringAt("livenessProbe.httpGet.path").Should().Be("/healthz/live");
            rendered.Container(component).StringAt("readinessProbe.httpGet.path").Should().Be("/healthz/ready");
        }
    }
}
