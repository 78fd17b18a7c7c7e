using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Deploy;
using Slipway.Delivery.Tests.GitOps;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;
using Xunit.Abstractions;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// The generated .gitlab-ci.yml run for a <c>recette</c> branch by the real gitlab-ci-local (shell executor, each job
/// in its own copy of the files, only artifacts passing between them), with the local stack standing in for what a
/// project's settings give: the recette cluster as a File variable holding a ServiceAccount-token kubeconfig limited
/// to the recette namespace, the authenticated registry's credentials, a deployment repository. The jobs' scripts
/// are those generated; only variables are given, as a project's settings would.
/// </summary>
[Trait("Category", "LocalStack")]
[Trait("Category", "RealClients")]
[Collection(LocalStackCollection.Name)]
public sealed class RecettePipelineTests(LocalStackFixture stack, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Namespace = "slipway-recette";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);
    private static readonly string[] Apps = ["bus-bootstrap", "orders-api", "orders-worker", "web-ui"];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-recette-pipeline-").FullName;
    private DeployRepository? _deployRepository;

    public async Task InitializeAsync() =>
        _deployRepository = await DeployRepository.CreateAsync(Apps.ToDictionary(
            app => $"deploy/values/components/{app}.yaml",
            app => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "values", "components",
                $"{app}.yaml"))));

    public Task DisposeAsync()
    {
        _deployRepository?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_recette_branch_pipeline_takes_the_commit_to_running_pods_through_every_job()
    {
        var kubeconfig = await RecetteKubeconfigAsync();
        var repository = Throwaway("recette");
        await WithoutServicesAsync(repository);
        var sha = (await TestGit.RunAsync(repository, "rev-parse", "HEAD")).Trim()[..8];
        var registry = $"{stack.Environment.TargetRegistry}/pipeline-{_run}";

        // stack-test is left out: it is the suite this test runs in, and it would start a second stack here.
        var result = CiClientScripts.Run("gitlab-ci-local.sh",
        [
            repository, "compile", "test", "images", "bump-values", "deploy-recette",
            "--shell-isolation", "--no-artifacts-to-source", "--force-shell-executor",
            "--variable", "CI_COMMIT_BRANCH=recette",
            "--variable", $"NUGET_PACKAGES={NugetPackages}",
            "--variable", "SLIPWAY_TEST_FILTER=FullyQualifiedName~Slipway.Engine.Tests.GraphTests",
            // The runner's docker: the stack's dockerd stands in for the docker:dind service (no TLS here).
            "--variable", $"DOCKER_HOST={stack.Environment.DockerHost}",
            "--variable", "DOCKER_TLS_VERIFY=", "--variable", "DOCKER_CERT_PATH=", "--variable", "DOCKER_TLS_CERTDIR=",
            // What the project's settings hold: registry and credentials, cluster, deployment repository.
            "--variable", $"SLIPWAY_REGISTRY={registry}",
            "--variable", $"SLIPWAY_REGISTRY_USERNAME={stack.Environment.TargetRegistryUsername}",
            "--variable", $"SLIPWAY_REGISTRY_PASSWORD={stack.Environment.TargetRegistryPassword}",
            "--variable", $"SLIPWAY_BASE_REGISTRY={stack.Environment.Registry}",
            "--variable", $"KUBECONFIG_RECETTE={kubeconfig}",
            "--variable", $"SLIPWAY_DEPLOY_REPO={_deployRepository!.Url}",
            "--variable", $"SLIPWAY_DEPLOY_BRANCH={DeployRepository.Branch}",
            // The deployment repository's own pipeline must not start on the bump (another repository: not by default).
            "--variable", "SLIPWAY_SKIP_CI=true",
            "--variable", $"SLIPWAY_SECRET_ORDERS_DB_PASSWORD=db-{_run}",
            "--variable", $"SLIPWAY_SECRET_ORDERS_DB_APP_PASSWORD=app-{_run}",
            "--variable", $"SLIPWAY_SECRET_ORDERS_BUS_PASSWORD=bus-{_run}",
        ], RunTimeout);
        var log = result.AllOutput();
        output.WriteLine(string.Join('\n', result.Output.TakeLast(150).Select(l => l.Text)));
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts"));
        File.WriteAllText(Path.Combine(RepositoryRoot.Path, "artifacts", "recette-pipeline.log"), log);

        result.ExitCode.Should().Be(0, "every job passes");
        foreach (var job in new[] { "compile", "test", "images", "bump-values", "deploy-recette" })
            log.Should().Contain($"PASS  {job}");
        string[] secrets = [stack.Environment.TargetRegistryPassword, $"db-{_run}", $"app-{_run}", $"bus-{_run}"];
        foreach (var secret in secrets) log.Should().NotContain(secret, "secrets are masked");

        // The images were pushed, tagged with the commit, to the authenticated registry the variables named.
        using var client = new RegistryClient(stack.Environment.TargetRegistry,
            stack.Environment.TargetRegistryCredentials);
        foreach (var app in Apps)
            (await client.ListTagsAsync($"pipeline-{_run}/shop/{app}")).Should().Contain(sha, app);

        // The deployment repository got one commit bumping the apps, which starts no pipeline.
        (await _deployRepository.HeadMessageAsync()).Should().Contain(sha).And.Contain("[skip ci]");

        // The recette namespace runs those images, and the report came back as an artifact.
        var deployment = await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(Namespace, "orders-api"));
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should()
            .Contain($"pipeline-{_run}/shop/orders-api");
        deployment["status"]?["readyReplicas"]?.GetValue<int>().Should().BeGreaterThan(0);
        File.Exists(Path.Combine(repository, ".gitlab-ci-local", "artifacts", "deploy-recette", "artifacts",
            "deploy-recette.json")).Should().BeTrue("the deploy report is the job's artifact");
    }

    /// <summary>The machine's package folder: jobs restore from it, not into an empty one per job copy.</summary>
    private static string NugetPackages => Path.Combine(
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>A ServiceAccount admin of the recette namespace only, in a kubeconfig file (a File variable).</summary>
    private async Task<string> RecetteKubeconfigAsync()
    {
        await stack.Kubernetes.EnsureNamespaceAsync(Namespace, new Dictionary<string, string>());
        var credentials = new ClusterCredentials(stack, _directory);
        var token = await credentials.ServiceAccountTokenAsync(Namespace, $"gitlab-{_run}");
        return credentials.WriteKubeconfig("recette.kubeconfig", "recette", $"    token: {token}\n", Namespace);
    }

    /// <summary>
    /// The one edit to the generated file: its <c>services:</c> (docker:dind) are left out, committed. On the shell
    /// executor gitlab-ci-local still pulls and starts them, which needs Docker Hub; the stack's dockerd stands in.
    /// </summary>
    private static async Task WithoutServicesAsync(string repository)
    {
        var file = Path.Combine(repository, ".gitlab-ci.yml");
        var text = await File.ReadAllTextAsync(file);
        var edited = System.Text.RegularExpressions.Regex.Replace(text, @"\n  services:\n(    .*\n|      .*\n)+", "\n");
        edited.Should().NotBe(text, "the image job declares the docker:dind service").And.NotContain("dind");
        await File.WriteAllTextAsync(file, edited);
        await TestGit.RunAsync(repository, "commit", "-q", "-am", "Leave the docker:dind service out (shell executor)");
    }

    private string Throwaway(string branch)
    {
        var directory = Path.Combine(_directory, "repository");
        var result = CiClientScripts.Run("throwaway-repository.sh", [directory, branch], TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, result.AllOutput());
        return directory;
    }
}
