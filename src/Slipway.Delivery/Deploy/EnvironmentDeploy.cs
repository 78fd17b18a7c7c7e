using System.Text.Json.Nodes;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Secrets;
using Slipway.Delivery.Versioning;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Deploys releases into an environment's namespace: the namespace (labelled when the user may), the image pull secret,
/// the app secrets, then each release in order through <see cref="ReleaseDeployer"/>; the report is written whatever happens.
/// </summary>
public sealed class EnvironmentDeploy
{
    public required DeployContext Context { get; init; }
    public required SourceVersion Version { get; init; }
    public required HelmClient Helm { get; init; }
    /// <summary>This run's images (artifacts/images.json); their digests are known without asking a registry.</summary>
    public required IReadOnlyList<BuiltImage> Images { get; init; }
    /// <summary>The registry the pods pull from (the target registry when images are relocated), with its credentials.</summary>
    public required ImageRegistry PullRegistry { get; init; }
    public RegistryCredentials? PullCredentials { get; init; }
    /// <summary>Credentials per registry host, for reading digests.</summary>
    public required IReadOnlyDictionary<string, RegistryCredentials?> RegistryCredentials { get; init; }
    /// <summary>The target registry images were relocated into; null when the environment has none.</summary>
    public ImageRegistry? Target { get; init; }
    /// <summary>The registry this run's images were pushed to (its prefix is not carried into the target's).</summary>
    public required ImageRegistry SourceRegistry { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Secrets { get; init; }
    public required Func<ReleaseDefinition, ValuesLayers> ValuesFor { get; init; }
    public PostRender? PostRender { get; init; }
    public required AbsolutePath Artifacts { get; init; }
    /// <summary>Every release of the system, in order: the report lists those an earlier target deployed too.</summary>
    public required IReadOnlyList<ReleaseDefinition> AllReleases { get; init; }
    /// <summary>This run (process and start): the report keeps earlier outcomes of the same run only.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N");
    /// <summary>Whether live objects that differ from an unchanged release are restored (else only reported).</summary>
    public bool RepairDrift { get; init; } = true;

    public async Task<IReadOnlyList<ReleaseOutcome>> DeployAsync(IEnumerable<ReleaseDefinition> releases, CancellationToken ct)
    {
        Log.Information($"Deploying {Context.Describe()}");
        using var kubernetes = Context.Cluster.CreateClient();
        var secretVersions = await PrepareNamespaceAsync(kubernetes, ct);
        var registries = new Dictionary<string, RegistryClient>();
        RegistryClient RegistryFor(string host) => registries.TryGetValue(host, out var client) ? client
            : registries[host] = new RegistryClient(host, RegistryCredentials.GetValueOrDefault(host));
        var deployer = new ReleaseDeployer(Helm, kubernetes, RegistryFor)
        {
            KnownDigests = KnownDigests(), PostRender = PostRender, RepairDrift = RepairDrift,
        };
        var planned = releases.ToList();
        var outcomes = new List<ReleaseOutcome>();
        try
        {
            foreach (var release in planned)
            {
                try
                {
                    var values = ValuesFor(release);
                    values = values with { Set = [.. values.Set, .. secretVersions] };
                    outcomes.Add(await deployer.DeployAsync(release, Context.Namespace, values, Version.Sha, ct));
                }
                catch (DeployFailedException e)
                {
                    outcomes.Add(e.Outcome);
                    throw;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    outcomes.Add(NotDeployed(release, "interrupted", "interrupted before its upgrade started"));
                    throw;
                }
                catch (Exception e)
                {
                    outcomes.Add(NotDeployed(release, "failed", e.Message));
                    throw;
                }
            }
        }
        finally
        {
            foreach (var release in planned.Skip(outcomes.Count))
                outcomes.Add(NotDeployed(release, "not run",
                    $"not started: {outcomes[^1].Release} {outcomes[^1].Result} before it"));
            foreach (var client in registries.Values) client.Dispose();
            var all = DeployReport.MergeWithEarlier(Artifacts, Context.Environment.Name, AllReleases, outcomes, RunId);
            var endpoints = await EndpointsAsync(kubernetes);
            DeployReport.Write(Artifacts, Context, Version.Sha, RunId, all, endpoints);
            DeployReport.Render(outcomes, endpoints);
        }
        return outcomes;
    }

    private ReleaseOutcome NotDeployed(ReleaseDefinition release, string result, string why) => new()
    {
        Release = release.ReleaseName, Namespace = Context.Namespace, Result = result, Error = why,
    };

    /// <summary>Where the routed components answer; none when the cluster cannot be read now.</summary>
    private async Task<IReadOnlyList<RoutedEndpoint>> EndpointsAsync(KubernetesClient kubernetes)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            return await RoutedEndpoints.ListAsync(kubernetes, Context.Namespace, Context.Cluster.IsLocalStack,
                timeout.Token);
        }
        catch (Exception e) when (e is KubernetesException or OperationCanceledException)
        {
            Log.Warning($"the routed components' addresses could not be read: {e.Message}");
            return [];
        }
    }

    /// <summary>
    /// Ensures the namespace, the pull secret and the app secrets; returns the secrets' versions as --set values
    /// (<see cref="SecretVersions"/>).
    /// </summary>
    private async Task<List<KeyValuePair<string, string>>> PrepareNamespaceAsync(KubernetesClient kubernetes,
        CancellationToken ct)
    {
        var environment = Context.Environment;
        var ns = Context.Namespace;
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "slipway",
            ["slipway.io/environment"] = environment.Name,
            ["slipway.io/git-sha"] = Version.ShortSha,
        };
        var annotations = new Dictionary<string, string>();
        if (environment.IsPreview)
        {
            labels["slipway.io/preview"] = "true";
            annotations["slipway.io/branch"] = environment.DeployBranch ?? "";
        }
        if (await kubernetes.TryEnsureNamespaceAsync(ns, labels, annotations, ct))
            Log.Information($"namespace {ns} ready (environment {environment.Name}, commit {Version.ShortSha})");
        else
            Log.Warning($"namespace {ns}: {Context.Cluster.Config.UserName ?? "this user"} may not create or label " +
                        "namespaces; deploying into it as it is (the cluster's admins provide it)");

        if (environment.PullSecret != null && PullCredentials is { } credentials)
        {
            await kubernetes.ApplyPullSecretAsync(ns, environment.PullSecret, PullRegistry.Host, credentials.Username,
                credentials.Password, ct);
            Log.Information($"image pull secret {environment.PullSecret} written for {PullRegistry.Host}");
        }
        var managed = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "slipway" };
        var versions = new List<KeyValuePair<string, string>>();
        var key = Secrets.Count > 0 ? await SecretVersions.KeyAsync(kubernetes, ns, managed, ct) : [];
        foreach (var (name, values) in Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var version = SecretVersions.Of(key, values);
            versions.Add(new($"global.secretVersions.{name}", version));
            var live = await kubernetes.TryGetAsync(KubernetesResources.Secret(ns, name), ct);
            var edited = AppSecretDrift.EditedKeys(live, key, values);
            if (edited.Count > 0 && !RepairDrift)
            {
                Log.Warning($"drift: secret {name} differs from its source (keys {string.Join(", ", edited)}); left " +
                            "as it is (--no-repair)");
                continue;
            }
            await kubernetes.ApplySecretAsync(ns, name, "Opaque", values, managed, ct,
                new Dictionary<string, string> { [AppSecretDrift.WrittenVersion] = version });
            if (edited.Where(k => !values.ContainsKey(k)).ToList() is { Count: > 0 } extra) // not ours to apply away
                await kubernetes.MergePatchAsync(KubernetesResources.Secret(ns, name), new JsonObject
                {
                    ["data"] = new JsonObject(extra.Select(k => KeyValuePair.Create(k, (JsonNode?)null))),
                }, ct);
            Log.Information($"secret {name} written ({values.Count} keys, version {version})");
            if (edited.Count == 0) continue;
            var readers = await AppSecretDrift.RestartReadersAsync(kubernetes, ns, name, ct);
            // a reader that is not ready again when its release is reached is upgraded again (its hooks re-run)
            Log.Warning($"drift: secret {name} was changed in the cluster (keys {string.Join(", ", edited)}): " +
                        $"restored from its source; restarted the {readers.Count} workload(s) that read it");
        }
        return versions;
    }

    /// <summary>Digests of this run's images, under their pushed and (when relocated) their target references.</summary>
    private Dictionary<string, string> KnownDigests()
    {
        var known = new Dictionary<string, string>();
        foreach (var image in Images.Where(i => i.Digest.Length > 0))
        {
            known.TryAdd(ManifestImages.Normalize(image.Reference(image.TagToDeploy)), image.Digest);
            if (Target != null)
                known.TryAdd(ManifestImages.Normalize($"{Target.Host}/" +
                    $"{Target.RepositoryFor(SourceRegistry.RelativeRepository(image.Repository))}:{image.TagToDeploy}"),
                    image.Digest);
        }
        return known;
    }
}
