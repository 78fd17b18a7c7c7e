using FluentAssertions;
using Slipway.Sample.BusBootstrap;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.BusBootstrap;

/// <summary>
/// How the bootstrap reads its declarations and when it stops before reaching a server (BOOTSTRAP_FAIL stops it right
/// after reading). What it does on the servers: <c>Servers/BootstrapOnServersTests</c>.
/// </summary>
public sealed class BootstrapCommandTests
{
    const string Declarations = """
        {"topics": [{"name": "orders.created", "component": "orders-api"},
                    {"name": "orders.created", "component": "orders-worker"}],
         "schemas": [{"name": "orders", "component": "orders-api"}]}
        """;

    /// <summary>
    /// Runs the command; the mounted default file is looked for in a fresh directory unless
    /// <paramref name="defaultFile"/> is given, so what this machine holds never matters.
    /// </summary>
    static async Task<(int ExitCode, string Output, string Error)> Run(Dictionary<string, string> environment,
        string[]? args = null, string? defaultFile = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var nowhere = new TempDirectory();
        var mounted = defaultFile ?? nowhere.PathOf("declarations.json");
        var code = await BootstrapCommand.RunAsync(args ?? [], environment, output, error, mounted);
        return (code, output.ToString(), error.ToString());
    }

    static Dictionary<string, string> Failing(Dictionary<string, string> environment)
    {
        environment["BOOTSTRAP_FAIL"] = "true";
        return environment;
    }

    [Fact]
    public async Task A_topic_declared_by_two_components_is_counted_once_with_the_migrations()
    {
        var (_, output, _) = await Run(Failing(new() { ["BOOTSTRAP_DECLARATIONS"] = Declarations }));

        output.Should().Contain("1 topic(s), 1 schema(s) from env BOOTSTRAP_DECLARATIONS, 2 migration(s)");
    }

    [Fact]
    public async Task Reads_a_file_given_by_argument_or_environment()
    {
        using var directory = new TempDirectory();
        var file = directory.PathOf("declarations.json");
        await File.WriteAllTextAsync(file, Declarations);

        var byArgument = await Run(Failing([]), ["--file", file]);
        var byEnvironment = await Run(Failing(new() { ["BOOTSTRAP_DECLARATIONS_FILE"] = file }));

        byArgument.Output.Should().Contain($"from {file}");
        byEnvironment.Output.Should().Contain($"from {file}");
    }

    [Fact]
    public async Task The_mounted_file_is_read_when_nothing_else_names_declarations()
    {
        using var directory = new TempDirectory();
        var mounted = directory.PathOf("declarations.json");
        await File.WriteAllTextAsync(mounted, """{"topics": ["audit"]}""");

        var (_, output, _) = await Run(Failing([]), defaultFile: mounted);

        output.Should().Contain($"1 topic(s), 0 schema(s) from {mounted}");
    }

    [Fact]
    public async Task A_malformed_declaration_exits_2_naming_the_fault()
    {
        var (code, output,
            error) = await Run(new() { ["BOOTSTRAP_DECLARATIONS"] = """{"topics": [{"name": "ok"}, {"name": "NOT OK"}]}""" });

        code.Should().Be(BootstrapCommand.BadInput);
        error.Should().Contain("env BOOTSTRAP_DECLARATIONS").And.Contain("invalid name 'NOT OK'");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_declarations_exit_2_saying_how_to_pass_them()
    {
        using var directory = new TempDirectory();
        var mounted = directory.PathOf("declarations.json");

        var (code, _, error) = await Run([], defaultFile: mounted);

        code.Should().Be(BootstrapCommand.BadInput);
        error.Should().Contain("BOOTSTRAP_DECLARATIONS").And.Contain("--file").And.Contain($"or mount {mounted}");
    }

    [Fact]
    public async Task An_unreadable_file_exits_2_naming_it()
    {
        var (code, _, error) = await Run([], ["--file", "/nonexistent/declarations.json"]);

        code.Should().Be(BootstrapCommand.BadInput);
        error.Should().Contain("/nonexistent/declarations.json");
    }

    [Fact]
    public async Task An_unknown_argument_exits_2()
    {
        var (code, _, error) = await Run([], ["--bogus"]);

        code.Should().Be(BootstrapCommand.BadInput);
        error.Should().Contain("unknown argument '--bogus'");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public async Task BOOTSTRAP_FAIL_true_fails_on_purpose_after_reading_and_touches_no_server(string value)
    {
        // servers named on ports nothing listens on: reaching them would fail differently
        var (code, output, error) = await Run(new()
        {
            ["BOOTSTRAP_DECLARATIONS"] = Declarations, ["BOOTSTRAP_FAIL"] = value,
            ["BUS__BROKER"] = $"127.0.0.1:{Tool.FreePort()}", ["DATABASE__PORT"] = Tool.FreePort().ToString(),
        });

        code.Should().Be(BootstrapCommand.Failed);
        output.Should().NotContain("bus-bootstrap: bus");
        error.Should().Contain("BOOTSTRAP_FAIL=true").And.Contain("failOnPurpose").And.NotContain("not reachable");
    }

    [Fact]
    public void The_migrations_are_embedded_in_name_order()
    {
        DatabaseAdmin.Migrations().Select(m => m.Version).Should().Equal("0001_orders", "0002_fulfilment");
        DatabaseAdmin.Migrations().Should().OnlyContain(m => m.Sql.Contains("CREATE TABLE"));
    }
}
