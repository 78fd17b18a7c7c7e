using Npgsql;
using RabbitMQ.Client;
using Slipway.Delivery.Stack;
using Slipway.Sample.Shared;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Servers;

/// <summary>
/// The base release's real servers for the tests: the database and broker images, built from charts/base/images on the
/// local stack's dockerd (FROM its slipway-base/postgresql:15 and slipway-base/rabbitmq:3.10), run as containers on
/// the host's network with loopback ports of their own, read-only root filesystems and the chart's user, as in a pod.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-Pa55\"word";
    public const string BrokerPassword = "broker-Pa55\\word";

    readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    readonly List<string> _containers = [];
    string _dockerHost = "";

    public int DatabasePort { get; } = Tool.FreePort();
    public int BrokerPort { get; } = Tool.FreePort();
    public string DatabaseContainer => $"slipway-apps-tests-database-{_suffix}";

    public async Task InitializeAsync()
    {
        var file = Repo.PathOf(".nuke", "temp", "stack", "stack.env");
        var stack = StackEnvironment.Read(file)
            ?? throw new InvalidOperationException($"The local stack is not up ({file} is missing): " +
                                                   "run ./build.sh StackUp, or run the tests with ./build.sh Test.");
        _dockerHost = stack.DockerHost;
        await Task.WhenAll(BuildAsync("database", stack.Registry), BuildAsync("broker", stack.Registry));
        await RunAsync("database", DatabaseContainer, "/var/lib/database",
            ["-e", $"PGPORT={DatabasePort}", "-e", "DATABASE_USER=postgres", "-e",
                $"DATABASE_PASSWORD={AdminPassword}"]);
        await RunAsync("broker", $"slipway-apps-tests-broker-{_suffix}", "/var/lib/broker",
        [
            "-e", $"RABBITMQ_NODE_PORT={BrokerPort}", "-e", $"BROKER_PASSWORD={BrokerPassword}",
            // the host's network: a node name, an epmd and a distribution port of its own
            "-e", $"RABBITMQ_NODENAME=rabbit-{_suffix}@localhost", "-e", $"ERL_EPMD_PORT={Tool.FreePort()}",
            "-e", $"RABBITMQ_DIST_PORT={Tool.FreePort()}",
        ]);
        await WaitAsync("the database", async () =>
        {
            await using var connection = new NpgsqlConnection(Admin("postgres"));
            await connection.OpenAsync();
        });
        await WaitAsync("the broker", async () =>
        {
            await using var connection = await Bus("unused").Factory("tests").CreateConnectionAsync();
        });
    }

    /// <summary>The administrator's connection string for <paramref name="database"/>.</summary>
    public string Admin(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = DatabasePort, Database = database, Username = "postgres", Password = AdminPassword,
            Timeout = 5,
    }.ConnectionString;

    public BusSettings Bus(string exchange) => new("127.0.0.1", BrokerPort, "admin", BrokerPassword, exchange, []);

    /// <summary>
    /// The settings of one test environment, as the chart gives them to the apps and the bootstrap Job
    /// (<c>KEY=value</c> environment variables): its own database, role and exchange on the shared servers.
    /// </summary>
    public Dictionary<string, string> Environment(string name) => new()
    {
        ["BUS__BROKER"] = $"127.0.0.1:{BrokerPort}",
        ["BUS__USER"] = "admin",
        ["BUS__PASSWORD"] = BrokerPassword,
        ["BUS__EXCHANGE"] = $"{name}.events",
        ["DATABASE__HOST"] = "127.0.0.1",
        ["DATABASE__PORT"] = DatabasePort.ToString(),
        ["DATABASE__NAME"] = name,
        ["DATABASE__USER"] = name + "_app",
        ["DATABASE__PASSWORD"] = "app-" + name,
        ["DATABASE__ADMINUSER"] = "postgres",
        ["DATABASE__ADMINPASSWORD"] = AdminPassword,
        ["BOOTSTRAP_WAIT_SECONDS"] = "5",
    };

    public const string AppDeclarations = """
        {"topics": [{"name": "orders.created", "component": "orders-api"}, {"name": "orders.created", "component": "orders-worker"},
                    {"name": "orders.dead-letter", "component": "orders-worker"}],
         "schemas": [{"name": "orders", "component": "orders-api"}, {"name": "fulfilment", "component": "orders-worker"}]}
        """;

    /// <summary>Runs the bootstrap as the Job does, with <paramref name="environment"/> as its environment.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> BootstrapAsync(Dictionary<string,
        string> environment)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var nowhere = new TempDirectory();
        var code = await Slipway.Sample.BusBootstrap.BootstrapCommand.RunAsync([], environment, output, error,
            nowhere.PathOf("declarations.json"));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// A fresh environment bootstrapped with the apps' declarations, its orders.created queue empty (the queue is the
    /// broker's, shared by the tests' environments); returns the apps' command-line configuration.
    /// </summary>
    public async Task<string[]> BootstrappedAppArgumentsAsync()
    {
        var environment = Environment("t" + Guid.NewGuid().ToString("N")[..10]);
        environment["BOOTSTRAP_DECLARATIONS"] = AppDeclarations;
        var (code, _, error) = await BootstrapAsync(environment);
        if (code != 0) throw new InvalidOperationException("the bootstrap failed: " + error);
        await using var connection = await Bus("unused").Factory("tests").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueuePurgeAsync("orders.created");
        return [.. Arguments(environment), "--Bus:Topics=orders.created,orders.dead-letter"];
    }

    /// <summary>The same settings as command-line configuration for an app host (<c>--Database:Host=…</c>).</summary>
    public static string[] Arguments(IReadOnlyDictionary<string, string> environment) =>
        environment.Where(e => e.Key.Contains("__", StringComparison.Ordinal))
            .Select(e => $"--{e.Key.Replace("__", ":", StringComparison.Ordinal)}={e.Value}").ToArray();

    public Task<ToolResult> DockerAsync(params string[] arguments) =>
        Tool.RunAsync("docker", ["-H", _dockerHost, .. arguments], timeout: TimeSpan.FromMinutes(3));

    async Task BuildAsync(string product, string registry)
    {
        var result = await DockerAsync("build", "-q", "--build-arg", $"BASE_REGISTRY={registry}", "-t",
            $"slipway-apps-tests/{product}:local",
            Repo.PathOf("charts", "base", "images", product));
        if (result.ExitCode != 0) throw new InvalidOperationException(result.ToString());
    }

    async Task RunAsync(string product, string name, string dataDirectory, string[] environment)
    {
        var result = await DockerAsync(["run", "-d", "--name", name, "--network", "host", "--user", "10001:10001",
            "--read-only",
            "--tmpfs", "/tmp", "--tmpfs", $"{dataDirectory}:uid=10001,gid=10001,mode=0700", .. environment,
                $"slipway-apps-tests/{product}:local"]);
        if (result.ExitCode != 0) throw new InvalidOperationException(result.ToString());
        _containers.Add(name);
    }

    async Task WaitAsync(string what, Func<Task> probe)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await probe();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < until)
            {
                await Task.Delay(500);
            }
            catch (Exception e)
            {
                var logs = string.Join("\n", await Task.WhenAll(_containers.Select(async c
                    => (await DockerAsync("logs", "--tail", "30", c)).ToString())));
                throw new InvalidOperationException($"{what} did not accept connections within 90 s: {e.Message}\n{logs}", e);
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var container in _containers) await DockerAsync("rm", "-f", "-v", container);
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "database and broker";
}
