using FluentAssertions;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Stack;
using Slipway.LocalStack;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>
/// charts/base/images: the database (PostgreSQL 15) and broker (RabbitMQ 3.10) images, FROM the stack's Debian server
/// images, with a small entrypoint and no package installs. They run, with the chart's settings, in
/// <c>Servers/ServersFixture</c>.
/// </summary>
public sealed class BaseImagesTests
{
    public static TheoryDataFor Products => new(["broker", "database"]);

    static string Dir(string product) => Repo.PathOf("charts", "base", "images", product);

    [Theory]
    [InlineData("database", "slipway-base/postgresql", "15")]
    [InlineData("broker", "slipway-base/rabbitmq", "3.10")]
    public void The_image_builds_from_the_stack_server_image_named_by_BASE_REGISTRY(string product, string repository,
        string tag)
    {
        var file = new DockerfileModel(Path.Combine(Dir(product), "Dockerfile"));

        file.Instructions[0].Should().Be(new DockerInstruction("ARG", "BASE_REGISTRY"));
        file.All("FROM").Should().Equal($"${{BASE_REGISTRY}}/{repository}:{tag}");
        ServerImages.All.Should().Contain(i => i.Repository == repository && i.Tag == tag,
            "the stack makes and pushes it");
        file.All("RUN").Should().NotContain(r => r.Contains("apt"));
        file.All("USER").Single().Should().Be("10001:10001");
        file.All("ENTRYPOINT").Should().Equal($"[\"/bin/sh\", \"/usr/local/bin/{product}-entrypoint\"]");
        file.All("COPY").Should().Equal($"entrypoint.sh /usr/local/bin/{product}-entrypoint");
        var ignore = DockerIgnore.ForContext(Dir(product));
        ignore.IsExcluded("Dockerfile").Should().BeFalse();
        ignore.IsExcluded("entrypoint.sh").Should().BeFalse();
        File.Exists(Path.Combine(Dir(product), "standin.pl")).Should().BeFalse();
    }

    [Theory, MemberData(nameof(Products))]
    public async Task The_entrypoint_is_valid_shell_and_needs_its_password_from_the_environment(string product)
    {
        var script = Path.Combine(Dir(product), "entrypoint.sh");

        (await Tool.RunAsync("sh", ["-n", script])).ExitCode.Should().Be(0);
        var variable = product == "database" ? "DATABASE_PASSWORD" : "BROKER_PASSWORD";
        (await File.ReadAllTextAsync(script)).Should().Contain($"unset {variable}",
            "the server process must not inherit the password");
    }
}
