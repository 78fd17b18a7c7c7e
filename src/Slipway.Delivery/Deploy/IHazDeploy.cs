using System.Text.Json;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Secrets;
using Slipway.Delivery.Versioning;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>What DeployBase and DeployApps share: guards, cluster access, namespace, secrets, release deploys, the report.</summary>
public interface IHazDeploy : IRetag
{
    /// <summary>Secrets the system's pods read, created in the namespace before the releases.</summary>
    IReadOnlyList<AppSecret> AppSecrets => [];

    [Parameter("A directory of secret files <secret>/<key> (a mounted secret store)")]
    AbsolutePath? SecretsDirectory => TryGetValue(() => SecretsDirectory);

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

    /// <summary>Deploys the releases the filter selects, in order; writes the report whatever happens.</summary>
    async Task<IReadOnlyList<ReleaseOutcome>> DeployReleasesAsync(Func<ReleaseDefinition, bool> which, CancellationToken ct)
    {
        var environment = Environment;
        var version = await SourceVersion.ReadAsync(RootDirectory, ct);
        var images = RunImages;
        EnvironmentGuard.Check(environment, version, environment.Protections.ImmutableImages ? images : null);
        if (environment.Protections.ImmutableImages && images.Count == 0)
            throw new TargetFailedException($"Environment '{environment.Name}' deploys images by digest: run PushImage first (artifacts/images.json is missing).");

        var target = RelocationTarget;
        var registry = target?.ToString() ?? ImageRegistry.ToString();
        var cluster = ClusterAccess.For(environment, Variable, LocalStack.Environment?.Kubeconfig, TemporaryDirectory);
        using var kubernetes = cluster.CreateClient();
        var helm = Helm.WithCluster(cluster.Kubeconfig, cluster.Context);
        var ns = NamespaceOf(environment);

        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "slipway",
            ["slipway.io/environment"] = environment.Name,
            ["slipway.io/git-sha"] = version.ShortSha,
        };
        var annotations = new Dictionary<string, string>();
        if (environment.IsPreview)
        {
            labels["slipway.io/preview"] = "true";
            annotations["slipway.io/branch"] = environment.DeployBranch ?? "";
        }
        await kubernetes.EnsureNamespaceAsync(ns, labels, annotations, ct);
        Log.Information($"namespace {ns} ready (environment {environment.Name}, commit {version.ShortSha})");

        var credentials = target != null ? RelocationCredentials : ImageRegistryCredentials;
        if (environment.PullSecret != null && credentials != null)
        {
            await kubernetes.ApplyPullSecretAsync(ns, environment.PullSecret, (target ?? ImageRegistry).Host, credentials.Username, credentials.Password, ct);
            Log.Information($"image pull secret {environment.PullSecret} written for {(target ?? ImageRegistry).Host}");
        }
        foreach (var (name, values) in SecretResolver.Resolve(AppSecrets, SecretSources))
        {
            await kubernetes.ApplySecretAsync(ns, name, "Opaque", values, new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "slipway" }, ct);
            Log.Information($"secret {name} written ({values.Count} keys)");
        }

        var registries = new Dictionary<string, RegistryClient>();
        RegistryClient RegistryFor(string host) => registries.TryGetValue(host, out var client) ? client
            : registries[host] = new RegistryClient(host, host == target?.Host ? RelocationCredentials : host == ImageRegistry.Host ? ImageRegistryCredentials : null);
        var known = new Dictionary<string, string>();
        foreach (var image in images.Where(i => i.Digest.Length > 0))
        {
            known.TryAdd(Images.ManifestImages.Normalize(image.Reference(image.TagToDeploy)), image.Digest);
            if (target != null)
                known.TryAdd(Images.ManifestImages.Normalize($"{target.Host}/{target.RepositoryFor(image.Repository)}:{image.TagToDeploy}"), image.Digest);
        }
        var deployer = new ReleaseDeployer(helm, kubernetes, RegistryFor) { KnownDigests = known, PostRender = target != null ? RelocatingPostRender(target, environment.Name) : null };
        var outcomes = new List<ReleaseOutcome>();
        try
        {
            foreach (var release in Releases.Where(which))
            {
                var values = ValuesLayers.For(RootDirectory, environment, release, Components, registry, images, environment.Protections.ImmutableImages);
                try
                {
                    outcomes.Add(await deployer.DeployAsync(release, ns, values, version.Sha, ct));
                }
                catch (DeployFailedException e)
                {
                    outcomes.Add(e.Outcome);
                    throw;
                }
            }
        }
        finally
        {
            foreach (var client in registries.Values) client.Dispose();
            var all = MergeWithEarlier(environment.Name, outcomes);
            DeployReport.Write(ArtifactsDirectory, environment.Name, version.Sha, all);
            DeployReport.Render(outcomes);
        }
        return outcomes;
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

    /// <summary>The report lists every release: the ones deployed now, and those of an earlier target (DeployBase before DeployApps).</summary>
    private IReadOnlyList<ReleaseOutcome> MergeWithEarlier(string environment, IReadOnlyList<ReleaseOutcome> now)
    {
        var file = ArtifactsDirectory / $"deploy-{environment}.json";
        if (!file.FileExists) return now;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var earlier = document.RootElement.GetProperty("releases").Deserialize<List<ReleaseOutcome>>(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) ?? [];
            return Releases.Select(r => now.FirstOrDefault(o => o.Release == r.ReleaseName) ?? earlier.FirstOrDefault(o => o.Release == r.ReleaseName))
                .OfType<ReleaseOutcome>().ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException)
        {
            return now;
        }
    }
}
