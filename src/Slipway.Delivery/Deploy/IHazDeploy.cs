using Slipway.Delivery.Charts;
using Slipway.Delivery.Components;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Secrets;
using Slipway.Delivery.Versioning;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>What DeployBase and DeployApps share: guards, cluster access, namespace, secrets, release deploys, the report.</summary>
public interface IHazDeploy : IRetag, IHazDeployContext
{
    /// <summary>Secrets the system's pods read, created in the namespace before the releases.</summary>
    IReadOnlyList<AppSecret> AppSecrets => [];

    [Parameter("A directory of secret files <secret>/<key> (a mounted secret store)")]
    AbsolutePath? SecretsDirectory => TryGetValue(() => SecretsDirectory);

    [Parameter("Report live objects that differ from an unchanged release (drift) without restoring them")]
    bool NoRepair => TryGetValue<bool?>(() => NoRepair) ?? false;

    /// <summary>Where secret values come from, first match wins: variables, files, then (throw-away environments) generated values.</summary>
    IReadOnlyList<ISecretSource> SecretSources
    {
        get
        {
            var sources = new List<ISecretSource> { new EnvironmentSecretSource(Variable) };
            if (SecretsDirectory != null) sources.Add(new FileSecretSource(SecretsDirectory));
            if (Environment.GenerateMissingSecrets) sources.Add(new GeneratedSecretSource(TemporaryDirectory / "secrets" / Environment.Name));
            return sources;
        }
    }

    /// <summary>
    /// The check DeployBase and DeployApps run before anything starts: the deploy context, then what the deploy will
    /// need from the user — every app secret (unless the environment generates them) and its target registry — and,
    /// for a gated environment, a person's confirmation.
    /// </summary>
    void CheckDeployInputs()
    {
        var environment = DeployContext.Environment;
        if (!environment.GenerateMissingSecrets)
            SecretResolver.Resolve(AppSecrets, SecretSources);
        if (environment.TargetRegistry is { } declared && RelocationTarget == null)
            throw new UsageException($"Environment '{environment.Name}' relocates its images into {declared}, which is " +
                                     "empty here: set the variables it names, or pass --target-registry host[:port][/prefix].");
        CheckDeployContext(); // last: a person confirms only a run that can go through
    }

    /// <summary>Deploys the releases the filter selects, in order (see <see cref="EnvironmentDeploy"/>).</summary>
    async Task<IReadOnlyList<ReleaseOutcome>> DeployReleasesAsync(Func<ReleaseDefinition, bool> which, CancellationToken ct)
    {
        var context = DeployContext;
        var environment = context.Environment;
        await HoldDeployTargetAsync(context, ct);
        var version = await SourceVersion.ReadAsync(RootDirectory, ct);
        var releases = DeployedReleases(environment, version);
        // a published chart deploys the images of its version, not this run's
        var images = releases.Any(r => r.Published != null) ? [] : RunImages;
        EnvironmentGuard.CheckRun(environment, version, images);
        var target = RelocationTarget;
        var registry = target?.ToString() ?? ImageRegistry.ToString();
        var deploy = new EnvironmentDeploy
        {
            Context = context,
            Version = version,
            Helm = Helm.WithCluster(context.Cluster.Kubeconfig, context.Cluster.Config.ContextName),
            Images = images,
            PullRegistry = target ?? ImageRegistry,
            SourceRegistry = ImageRegistry,
            PullCredentials = target != null ? RelocationCredentials : ImageRegistryCredentials,
            RegistryCredentials = new Dictionary<string, RegistryCredentials?>
            {
                [ImageRegistry.Host] = ImageRegistryCredentials,
                [target?.Host ?? ImageRegistry.Host] = target != null ? RelocationCredentials : ImageRegistryCredentials,
            },
            Target = target,
            Secrets = SecretResolver.Resolve(AppSecrets, SecretSources),
            ValuesFor = release => ValuesLayers.For(RootDirectory, environment, release, Components, registry, images,
                environment.Protections.ImmutableImages),
            PostRender = target != null ? RelocatingPostRender(target, environment.Name) : null,
            Artifacts = ArtifactsDirectory,
            AllReleases = releases,
            RepairDrift = !NoRepair,
            RunId = $"{RunHolder.Identity}@{RunHolder.Since:O}",
        };
        await CheckImagesAsync(releases.Where(r => which(r) || DeployedLaterInThisRun(r)), deploy, ct);
        return await deploy.DeployAsync(releases.Where(which), ct);
    }

    /// <summary>The releases, each from its published chart when the environment deploys published charts.</summary>
    private IReadOnlyList<ReleaseDefinition> DeployedReleases(DeploymentEnvironment environment, SourceVersion source)
    {
        if (environment.PublishedCharts is not { } declared) return Releases;
        var repository = PublishedChart.RepositoryOf(VariableExpander.Expand(declared, Variable));
        if (repository.Length == 0)
            throw new UsageException($"Environment '{environment.Name}' deploys published charts from {declared}, " +
                                     "which is empty here: set the variables it names.");
        var version = environment.ChartVersion ?? ChartVersion ?? source.ReleaseVersion ?? throw new TargetFailedException(
            $"Environment '{environment.Name}' deploys published charts, and no version says which: HEAD " +
            $"({source.ShortSha}) carries no release tag; pass --chart-version (PublishCharts published it).");
        SemanticVersion.Parse(version, "--chart-version");
        return Releases.Select(r => r with
        {
            Published = new PublishedChart(ChartPublisher.ChartName(r.Chart), version, repository),
        }).ToList();
    }

    /// <summary>An app release when DeployApps is still to run after this target (DeployBase): checked up front.</summary>
    private bool DeployedLaterInThisRun(ReleaseDefinition release) =>
        release.Components == ComponentKind.App && Plan?.Targets.Any(t =>
            t.Name == "DeployApps" && t.Status == TargetStatus.NotRun) == true;

    /// <summary>Every component the releases deploy has an image (<see cref="DeployInputs"/>), before any changes.</summary>
    private async Task CheckImagesAsync(IEnumerable<ReleaseDefinition> releases, EnvironmentDeploy deploy,
        CancellationToken ct)
    {
        var clients = new Dictionary<string, RegistryClient>();
        try
        {
            await DeployInputs.CheckAsync(releases.Select(r => (r, deploy.ValuesFor(r))), Components, deploy.Images,
                deploy.PullRegistry, host => clients.TryGetValue(host, out var client) ? client
                    : clients[host] = new RegistryClient(host, deploy.RegistryCredentials.GetValueOrDefault(host)),
                RootDirectory, ct);
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }
    }

    /// <summary>The post-renderer that points images hard-coded by third-party charts at their relocated copies (Retag's record).</summary>
    private PostRender RelocatingPostRender(ImageRegistry target, string environment)
    {
        var plan = RelocationPlan.From(target, RelocationFile(environment));
        var file = TemporaryDirectory / "post-render" / $"{environment}.json";
        file.Parent.CreateDirectory();
        File.WriteAllText(file, plan.ToJson());
        var (command, arguments) = RelocatingPostRenderer.Invocation(file);
        return new PostRender(command, arguments, plan);
    }
}
