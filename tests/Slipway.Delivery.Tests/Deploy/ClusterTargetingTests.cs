using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// `./build.sh DeployApps --env …` as a user runs it: a non-local environment deploys only to the cluster its variable
/// gives, and what cannot run is refused before anything starts (exit 2, nothing built, pushed or deployed).
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ClusterTargetingTests(LocalStackFixture stack) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-targeting-").FullName;

    /// <summary>Outside CI, with an ambient KUBECONFIG that points at a live cluster (the local stack's).</summary>
    private Dictionary<string, string?> Shell(params (string Name, string? Value)[] more)
    {
        var variables = new Dictionary<string, string?>
        {
            ["CI"] = null, ["KUBECONFIG"] = stack.Environment.Kubeconfig, ["KUBECONFIG_RECETTE"] = null, ["KUBECONFIG_PROD"] = null,
            ["SLIPWAY_SECRET_ORDERS_DB_PASSWORD"] = "from-the-secret-store",
            ["SLIPWAY_SECRET_ORDERS_DB_APP_PASSWORD"] = "from-the-secret-store",
            ["SLIPWAY_SECRET_ORDERS_BUS_PASSWORD"] = "from-the-secret-store",
        };
        foreach (var (name, value) in more) variables[name] = value;
        return variables;
    }

    [Fact]
    public async Task Recette_without_its_kubeconfig_variable_is_refused_naming_it_even_with_an_ambient_KUBECONFIG()
    {
        var run = await BuildCommand.RunAsync(Shell(), "DeployApps", "--env", "recette");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.StandardOutput);
        run.StandardOutput.Should().Contain("KUBECONFIG_RECETTE, which is not set").And.Contain("--cluster local");
        run.StandardOutput.Should().NotContain("── ", "no target may start");
    }

    [Fact]
    public async Task An_unknown_environment_is_refused_before_anything_runs_and_the_registry_is_unchanged()
    {
        using var registry = new HttpClient { BaseAddress = new Uri($"http://{stack.Environment.Registry}/v2/") };
        var before = await registry.GetStringAsync("_catalog?n=1000");

        var run = await BuildCommand.RunAsync(Shell(), "DeployApps", "--env", "nope");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.StandardOutput);
        run.StandardOutput.Should().Contain("Unknown environment 'nope'").And.Contain("recette");
        run.StandardOutput.Should().NotContain("── ");
        (await registry.GetStringAsync("_catalog?n=1000")).Should().Be(before);
    }

    [Fact]
    public async Task The_plan_names_server_context_and_namespace_of_the_kubeconfig_the_variable_gives()
    {
        var kubeconfig = new ClusterCredentials(stack, _directory)
            .WriteKubeconfig("recette.kubeconfig", "team-recette", "    token: not-checked-by-the-plan\n");

        var run = await BuildCommand.RunAsync(Shell(("KUBECONFIG_RECETTE", kubeconfig)), "DeployApps", "--env", "recette", "--plan");

        run.ExitCode.Should().Be(0, run.StandardOutput);
        var context = run.StandardOutput[..run.StandardOutput.IndexOf("DeployApps", StringComparison.Ordinal)];
        context.Should().Contain("namespace slipway-recette").And.Contain(stack.Kubernetes.Config.Server.ToString())
            .And.Contain("context team-recette").And.Contain("from KUBECONFIG_RECETTE");
        run.StandardOutput.Should().NotContain("not-checked-by-the-plan");
    }

    [Fact]
    public async Task Prod_on_a_terminal_asks_for_its_name_and_a_wrong_answer_changes_nothing()
    {
        var run = await ProcessRunner.RunAsync("script", ["-qec",
            "./build.sh DeployApps --env prod --cluster local --no-logo", "/dev/null"], new ProcessOptions
        {
            WorkingDirectory = RepositoryRoot.Path,
            StandardInput = "staging\n",
            AllowFailure = true,
            LogOutput = false,
            Environment = Shell(("GITLAB_CI", null), ("GITHUB_ACTIONS", null)),
        });

        run.StandardOutput.Should().Contain("Type the environment's name").And.Contain("Not confirmed ('staging' is not 'prod')");
        run.ExitCode.Should().Be(ExitCodes.Usage, run.StandardOutput);
        run.StandardOutput.Should().NotContain("── ");
    }

    [Fact]
    public async Task A_missing_app_secret_of_a_non_local_environment_is_refused_before_anything_runs()
    {
        var run = await BuildCommand.RunAsync(Shell(("SLIPWAY_SECRET_ORDERS_DB_PASSWORD", null)),
            "DeployApps", "--env", "prod", "--cluster", "local", "--yes");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.StandardOutput);
        run.StandardOutput.Should().Contain("orders-db/password").And.Contain("SLIPWAY_SECRET_ORDERS_DB_PASSWORD");
        run.StandardOutput.Should().NotContain("── ");
    }

    [Fact]
    public async Task Prod_without_a_terminal_outside_CI_needs_yes()
    {
        var run = await BuildCommand.RunAsync(Shell(), "DeployApps", "--env", "prod", "--cluster", "local");

        run.ExitCode.Should().Be(ExitCodes.Usage, run.StandardOutput);
        run.StandardOutput.Should().Contain("manual gate").And.Contain("--yes");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
