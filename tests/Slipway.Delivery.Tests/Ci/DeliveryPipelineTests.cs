using System.Text.RegularExpressions;
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
/// The generated .gitlab-ci.yml run by the real gitlab-ci-local (see <see cref="GitLabCiLocal"/>) as a release goes:
/// a <c>recette</c> branch pipeline, then a <c>prod.v*</c> tag on the same commit. The local stack stands in for what
/// a project's settings give: each cluster as a File variable holding a ServiceAccount-token kubeconfig limited to
/// its namespace, the authenticated registry's credentials, the client's registry, a deployment repository. The
/// jobs' scripts are those generated; the pipelines share one commit, so the prod one reuses nothing but artifacts.
/// </summary>
[Trait("Category", "LocalStack")]
[Trait("Category", "RealClients")]
[Collection(LocalStackCollection.Name)]
public sealed class DeliveryPipelineTests(LocalStackFixture stack, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ReleaseTag = "prod.v1.0.0";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);
    private static readonly string[] Apps = ["bus-bootstrap", "orders-api", "orders-worker", "web-ui"];
    /// <summary>One image job per component (each would run only when its inputs changed: here, all do).</summary>
    private static readonly string[] ImageJobs =
        ["images-orders-api", "images-orders-worker", "images-web-ui", "images-bus-bootstrap", "images-broker",
         "images-database"];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-delivery-pipeline-").FullName;
    private DeployRepository? _deployRepository;

    private string Registry => $"{stack.Environment.TargetRegistry}/pipeline-{_run}";
    private string ClientRegistry => $"{stack.Environment.TargetRegistry}/client-{_run}";
    private string[] Secrets => [stack.Environment.TargetRegistryPassword, $"db-{_run}", $"app-{_run}", $"bus-{_run}"];

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
    public async Task A_recette_branch_then_a_prod_tag_take_the_commit_to_running_pods_through_every_job()
    {
        var repository = GitLabCiLocal.Throwaway(Path.Combine(_directory, "repository"), "recette");
        await FitForOneNodeAsync(repository);
        var sha = (await TestGit.RunAsync(repository, "rev-parse", "HEAD")).Trim()[..8];

        await RecettePipelineAsync(repository, sha);

        await TestGit.RunAsync(repository, "tag", ReleaseTag);
        await ProdPipelineAsync(repository, sha);
    }

    /// <summary>compile, test, images, bump-values and deploy-recette of a push to the recette branch.</summary>
    private async Task RecettePipelineAsync(string repository, string sha)
    {
        const string ns = "slipway-recette";
        var before = await DeployedReleasesAsync(ns);
        // stack-test is left out: it is the suite this test runs in, and it would start a second stack here.
        string[] jobs = ["compile", "test", .. ImageJobs, "bump-values", "deploy-recette"];
        var result = GitLabCiLocal.Run(repository, jobs,
            new Dictionary<string, string>(CommonVariables)
            {
                ["CI_COMMIT_BRANCH"] = "recette",
                ["KUBECONFIG_RECETTE"] = await KubeconfigAsync(ns, "recette"),
                ["SLIPWAY_DEPLOY_REPO"] = _deployRepository!.Url,
                ["SLIPWAY_DEPLOY_BRANCH"] = DeployRepository.Branch,
                // The deployment repository's own pipeline must not start on the bump (another repository).
                ["SLIPWAY_SKIP_CI"] = "true",
            }, RunTimeout);
        ShouldHavePassed(result, jobs, "recette-pipeline.log");

        // The images were pushed, tagged with the commit, to the authenticated registry the variables named.
        await ShouldHaveTaggedAsync($"pipeline-{_run}", sha);

        // The deployment repository got one commit bumping the apps, which starts no pipeline.
        (await _deployRepository.HeadMessageAsync()).Should().Contain(sha).And.Contain("[skip ci]");

        // The recette namespace runs those images, a new revision of apps, and the report came back as an artifact.
        await ShouldHaveDeployedAsync(ns, before);
        (await RunningImageAsync(ns)).Should().Contain($"pipeline-{_run}/shop/orders-api");
        File.Exists(Artifact(repository, "deploy-recette", "deploy-recette.json")).Should()
            .BeTrue("the deploy report is the job's artifact");
    }

    /// <summary>
    /// images, then the manual retag-prod (the approval), then deploy-prod, of the release tag: the images are
    /// copied into the client's registry by digest and prod runs them from there, pinned.
    /// </summary>
    private async Task ProdPipelineAsync(string repository, string sha)
    {
        const string ns = "slipway-prod";
        var before = await DeployedReleasesAsync(ns);
        string[] jobs = [.. ImageJobs, "retag-prod", "deploy-prod"];
        var result = GitLabCiLocal.Run(repository, jobs,
            new Dictionary<string, string>(CommonVariables)
            {
                ["CI_COMMIT_TAG"] = ReleaseTag,
                ["CI_COMMIT_REF_NAME"] = ReleaseTag,
                ["KUBECONFIG_PROD"] = await KubeconfigAsync(ns, "prod"),
                ["TARGET_REPO"] = ClientRegistry,
                ["TARGET_REPO_USER"] = stack.Environment.TargetRegistryUsername,
                ["TARGET_REPO_PASSWORD"] = stack.Environment.TargetRegistryPassword,
            }, RunTimeout, "--unset-variable", "CI_COMMIT_BRANCH", "--manual", "retag-prod");
        ShouldHavePassed(result, jobs, "prod-pipeline.log");

        // The release tag was added to the images the recette pipeline built (unchanged, not rebuilt); they are in the
        // client's registry under the tag they were first built under, and prod runs them from there, pinned by digest.
        await ShouldHaveTaggedAsync($"pipeline-{_run}", "1.0.0");
        await ShouldHaveTaggedAsync($"client-{_run}", sha);
        await ShouldHaveDeployedAsync(ns, before);
        (await RunningImageAsync(ns)).Should().StartWith($"{ClientRegistry}/shop/orders-api").And.Contain("@sha256:");
        File.Exists(Artifact(repository, "retag-prod", "relocation-prod.json")).Should()
            .BeTrue("Retag's record is the job's artifact, which the deploy job follows");
    }

    /// <summary>What a project's settings hold for both pipelines: registry, docker, app secrets.</summary>
    private Dictionary<string, string> CommonVariables => new()
    {
        // The runner's docker: the stack's dockerd stands in for the docker:dind service (no TLS here).
        ["DOCKER_HOST"] = stack.Environment.DockerHost,
        ["DOCKER_TLS_VERIFY"] = "",
        ["DOCKER_CERT_PATH"] = "",
        ["DOCKER_TLS_CERTDIR"] = "",
        ["SLIPWAY_REGISTRY"] = Registry,
        ["SLIPWAY_REGISTRY_USERNAME"] = stack.Environment.TargetRegistryUsername,
        ["SLIPWAY_REGISTRY_PASSWORD"] = stack.Environment.TargetRegistryPassword,
        ["SLIPWAY_BASE_REGISTRY"] = stack.Environment.Registry,
        ["SLIPWAY_SECRET_ORDERS_DB_PASSWORD"] = $"db-{_run}",
        ["SLIPWAY_SECRET_ORDERS_DB_APP_PASSWORD"] = $"app-{_run}",
        ["SLIPWAY_SECRET_ORDERS_BUS_PASSWORD"] = $"bus-{_run}",
    };

    /// <summary>A ServiceAccount admin of one namespace only, in a kubeconfig file (a File variable).</summary>
    private async Task<string> KubeconfigAsync(string ns, string environment)
    {
        await stack.Kubernetes.EnsureNamespaceAsync(ns, new Dictionary<string, string>());
        var credentials = new ClusterCredentials(stack, _directory);
        var token = await credentials.ServiceAccountTokenAsync(ns, $"gitlab-{_run}");
        return credentials.WriteKubeconfig($"{environment}.kubeconfig", environment, $"    token: {token}\n", ns);
    }

    /// <summary>The helm releases deployed in the namespace, with revisions: helm's own release records.</summary>
    private async Task<Dictionary<string, int>> DeployedReleasesAsync(string ns) =>
        (await stack.Kubernetes.ListAsync($"/api/v1/namespaces/{ns}/secrets", "owner=helm,status=deployed"))
        .Select(s => s["metadata"]!["labels"]!)
        .ToDictionary(l => l["name"]!.GetValue<string>(), l => int.Parse(l["version"]!.GetValue<string>()));

    /// <summary>Base and apps are deployed, apps in a revision the pipeline made (its images are new).</summary>
    private async Task ShouldHaveDeployedAsync(string ns, Dictionary<string, int> before)
    {
        var after = await DeployedReleasesAsync(ns);
        after.Keys.Should().Contain(["base", "apps"], ns);
        after["apps"].Should().BeGreaterThan(before.GetValueOrDefault("apps"), $"{ns}: the pipeline deployed apps");
    }

    /// <summary>The image orders-api runs in the namespace, once a replica is ready.</summary>
    private async Task<string> RunningImageAsync(string ns)
    {
        var deployment = await stack.Kubernetes.GetAsync(KubernetesResources.Deployment(ns, "orders-api"));
        deployment["status"]?["readyReplicas"]?.GetValue<int>().Should().BeGreaterThan(0, ns);
        return deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
    }

    private static string Artifact(string repository, string job, string file) =>
        Path.Combine(repository, ".gitlab-ci-local", "artifacts", job, "artifacts", file);

    /// <summary>
    /// Every job passed and no secret is in the log, which is kept in artifacts/ (a failing pipeline is read there),
    /// its tail in the output.
    /// </summary>
    private void ShouldHavePassed(ProcessResult result, IEnumerable<string> jobs, string file)
    {
        output.WriteLine(GitLabCiLocal.Tail(result, 150));
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts"));
        var log = result.AllOutput();
        File.WriteAllText(Path.Combine(RepositoryRoot.Path, "artifacts", file), log);

        var failures = Secrets.Aggregate(GitLabCiLocal.Failures(result), (text, s) => text.Replace(s, "[MASKED]"));
        result.ExitCode.Should().Be(0, $"every job passes; the failed ones said:\n{failures}\n");
        foreach (var job in jobs) log.Should().MatchRegex($@"PASS +{job}\b");
        foreach (var secret in Secrets) log.Should().NotContain(secret, "secrets are masked");
    }

    /// <summary>Each app's image is in the authenticated registry under the prefix, with that tag.</summary>
    private async Task ShouldHaveTaggedAsync(string prefix, string tag)
    {
        using var client = new RegistryClient(stack.Environment.TargetRegistry,
            stack.Environment.TargetRegistryCredentials);
        foreach (var app in Apps) (await client.ListTagsAsync($"{prefix}/shop/{app}")).Should().Contain(tag, app);
    }

    /// <summary>
    /// The edits to the generated and deployed files, committed: the <c>services:</c> (docker:dind) are left out (on
    /// the shell executor gitlab-ci-local still pulls and starts them, which needs Docker Hub; the stack's dockerd
    /// stands in), and prod is sized for this one-node cluster (one replica each, no persistent volumes: the local
    /// node has no storage provisioner).
    /// </summary>
    private static async Task FitForOneNodeAsync(string repository)
    {
        Edit(Path.Combine(repository, ".gitlab-ci.yml"), @"\n  services:\n(    .*\n|      .*\n)+", "\n");
        var prod = Path.Combine(repository, "deploy", "values", "prod.yaml");
        Edit(prod, @"replicaCount: 3", "replicaCount: 1");
        Edit(prod, @"persistence:\n    enabled: true", "persistence:\n    enabled: false");
        File.ReadAllText(Path.Combine(repository, ".gitlab-ci.yml")).Should().NotContain("dind");
        await TestGit.RunAsync(repository, "commit", "-q", "-am", "Fit for the shell executor and one node");
    }

    private static void Edit(string file, string pattern, string replacement)
    {
        var text = File.ReadAllText(file);
        var edited = Regex.Replace(text, pattern, replacement);
        edited.Should().NotBe(text, $"{Path.GetFileName(file)} has {pattern}");
        File.WriteAllText(file, edited);
    }
}
