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
        var releases = await ReleasesForAsync(environment, ct);
        // a published chart deploys the images of its version, not this run's
        var images = releases.Any(r => r.Published != null) ? await PublishedImagesAsync(releases, ct) : RunImages;
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

    /// <summary>
    /// The images a published chart deploys: each of its components at the chart's version in the registry, with the
    /// digest the registry gives (an environment pinning digests deploys those). One missing refuses the deploy.
    /// </summary>
    private async Task<IReadOnlyList<BuiltImage>> PublishedImagesAsync(IReadOnlyList<ReleaseDefinition> releases,
        CancellationToken ct)
    {
        using var client = new RegistryClient(ImageRegistry.Host, ImageRegistryCredentials);
        var images = new List<BuiltImage>();
        var missing = new List<string>();
        foreach (var release in releases)
        foreach (var component in Components.Where(c => c.Kind == release.Components))
        {
            var version = release.Published!.Version;
            var repository = ImageRegistry.RepositoryFor(component.Repository);
            if (await client.HeadManifestAsync(repository, version, ct) is not { } manifest)
            {
                missing.Add($"{ImageRegistry.Host}/{repository}:{version}");
                continue;
            }
            images.Add(new BuiltImage
            {
                Component = component.Name, Registry = ImageRegistry.Host, Repository = repository, Tags = [version],
                Digest = manifest.Digest, InputsDigest = "", InputsTag = "", Rebuilt = false,
            });
        }
        if (missing.Count > 0)
            throw new TargetFailedException("The published charts deploy images that are not in the registry: " +
                                            string.Join(", ", missing) + ". Push them (the release tag's pipeline " +
                                            "builds them), or deploy a version that has them (--chart-version).");
        return images;
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
