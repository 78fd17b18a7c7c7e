using FluentAssertions;
using Slipway.Sample.BusBootstrap;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.BusBootstrap;

public sealed class BootstrapCommandTests
{
    const string Declarations = """
        {"topics": [{"name": "orders.created", "partitions": 3, "component": "orders-api"},
                    {"name": "orders.created", "partitions": 3, "component": "orders-worker"}],
         "indexes": [{"name": "orders", "component": "orders-api"}],
         "schemas": [{"name": "orders", "component": "orders-api"}]}
        """;

    /// <summary>
    /// Runs the command; the mounted default file is looked for in a fresh directory unless
    /// <paramref name="defaultFile"/> is given, so what this machine holds never matters.
    /// </summary>
    static (int ExitCode, string Output, string Error) Run(Dictionary<string, string> environment,
        string[]? args = null, IResourceStore? store = null, string? defaultFile = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var nowhere = new TempDirectory();
        var mounted = defaultFile ?? nowhere.PathOf("declarations.json");
        var code = BootstrapCommand.Run(args ?? [], environment, output, error, store, mounted);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Creates_each_declared_resource_once_and_logs_it()
    {
        var (code, output, error) = Run(new() { ["BOOTSTRAP_DECLARATIONS"] = Declarations });

        code.Should().Be(BootstrapCommand.Success, error);
        output.Should().Contain("created topic orders.created [partitions=3] (declared by orders-api, orders-worker)")
            .And.Contain("created index orders (declared by orders-api)")
            .And.Contain("created schema orders (declared by orders-api)")
            .And.Contain("done: 3 created, 0 already existed");
    }

    [Fact]
    public void Is_idempotent_across_runs_with_a_state_directory()
    {
        using var state = new TempDirectory();
        var environment = new Dictionary<string, string> { ["BOOTSTRAP_DECLARATIONS"] = Declarations, ["BOOTSTRAP_STATE_DIR"] = state.FullName };

        var first = Run(environment);
        var second = Run(environment);

        first.ExitCode.Should().Be(0);
        second.ExitCode.Should().Be(0);
        second.Output.Should().Contain("exists  topic orders.created").And.Contain("done: 0 created, 3 already existed");
        File.ReadAllText(state.PathOf("topic", "orders.created")).Trim().Should().Be("partitions=3");
    }

    [Fact]
    public void Reads_a_file_given_by_argument_or_environment()
    {
        using var directory = new TempDirectory();
        var file = directory.PathOf("declarations.json");
        File.WriteAllText(file, """{"topics": ["audit"]}""");

        var byArgument = Run([], ["--file", file]);
        var byEnvironment = Run(new() { ["BOOTSTRAP_DECLARATIONS_FILE"] = file });

        byArgument.ExitCode.Should().Be(0);
        byArgument.Output.Should().Contain("created topic audit").And.Contain($"from {file}");
        byEnvironment.ExitCode.Should().Be(0);
        byEnvironment.Output.Should().Contain("created topic audit");
    }

    [Fact]
    public void Nothing_declared_is_a_success()
    {
        var (code, output, _) = Run(new() { ["BOOTSTRAP_DECLARATIONS"] = """{"topics": [], "indexes": [], "schemas": []}""" });

        code.Should().Be(0);
        output.Should().Contain("nothing declared");
    }

    [Fact]
    public void A_malformed_declaration_exits_2_and_creates_nothing()
    {
        var store = new InMemoryResourceStore();

        var (code, output, error) = Run(new() { ["BOOTSTRAP_DECLARATIONS"] = """{"topics": [{"name": "ok"}, {"name": "NOT OK"}]}""" }, store: store);

        code.Should().Be(BootstrapCommand.BadInput);
        error.Should().Contain("env BOOTSTRAP_DECLARATIONS").And.Contain("invalid name 'NOT OK'");
        output.Should().NotContain("created");
        store.Ensure("topic", "ok", "").Should().Be(EnsureOutcome.Created, "nothing was created by the failed run");
    }

    [Fact]
    public void Missing_declarations_exit_2_saying_how_to_pass_them()
    {
        using var directory = new TempDirectory();
        var mounted = directory.PathOf("declarations.json");

        var (code, _, error) = Run([], defaultFile: mounted);

        code.Should().Be(BootstrapCommand.BadInput);
        error.Should().Contain("BOOTSTRAP_DECLARATIONS").And.Contain("--file").And.Contain($"or mount {mounted}");
    }

    [Fact]
    public void The_mounted_file_is_read_when_nothing_else_names_declarations()
    {
        using var directory = new TempDirectory();
        var mounted = directory.PathOf("declarations.json");
        File.WriteAllText(mounted, """{"topics": ["audit"]}""");

        var (code, output, error) = Run([], defaultFile: mounted);

        code.Should().Be(BootstrapCommand.Success, error);
        output.Should().Contain($"from {mounted}").And.Contain("created topic audit");
    }

    [Fact]
    public void An_unreadable_file_exits_2_naming_it()
    {
        var (code, _, error) = Run([], ["--file", "/nonexistent/declarations.json"]);

        code.Should().Be(BootstrapCommand.BadInput);
        error.Should().Contain("/nonexistent/declarations.json");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void BOOTSTRAP_FAIL_true_fails_on_purpose_after_reading_and_creates_nothing(string value)
    {
        var (code, output, error) = Run(new() { ["BOOTSTRAP_DECLARATIONS"] = Declarations, ["BOOTSTRAP_FAIL"] = value });

        code.Should().Be(BootstrapCommand.Failed);
        output.Should().Contain("1 topic(s), 1 index(es), 1 schema(s)").And.NotContain("created");
        error.Should().Contain("BOOTSTRAP_FAIL=true").And.Contain("simulateFailure");
    }

    [Fact]
    public void BOOTSTRAP_FAIL_other_than_true_does_not_fail()
    {
        Run(new() { ["BOOTSTRAP_DECLARATIONS"] = Declarations, ["BOOTSTRAP_FAIL"] = "false" }).ExitCode.Should().Be(0);
    }

    [Fact]
    public void An_unknown_argument_exits_2()
    {
        Run([], ["--topics"]).ExitCode.Should().Be(BootstrapCommand.BadInput);
    }
}
