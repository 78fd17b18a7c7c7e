using System.Diagnostics;
using Slipway.Delivery.Drift;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Deploys one release: repairs it if an earlier run left it broken, skips it when its fingerprint is already deployed
/// (restoring live objects changed behind its back),
/// otherwise <c>helm upgrade --install --wait</c> while watching its pods so a hopeless one fails the deploy at once,
/// with a diagnosis of what is not ready and why.
/// </summary>
public sealed class ReleaseDeployer(HelmClient helm, KubernetesClient kubernetes, Func<string, RegistryClient?> registryFor)
{
    /// <summary>Digests already known (this run's images.json), so the report need not ask the registry for them.</summary>
    public IReadOnlyDictionary<string, string> KnownDigests { get; init; } = new Dictionary<string, string>();

    /// <summary>For an environment with a target registry: the post-renderer that relocates images charts hard-code.</summary>
    public PostRender? PostRender { get; init; }

    /// <summary>Whether live objects that differ from an unchanged release are restored (else only reported).</summary>
    public bool RepairDrift { get; init; } = true;

    public async Task<ReleaseOutcome> DeployAsync(ReleaseDefinition release, string ns, ValuesLayers values, string commit, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var name = release.ReleaseName;
        var current = await LatestAsync(name, ns, ct);
        var recovery = await new ReleaseRecovery(helm, kubernetes)
            .RepairAsync(name, ns, current?.Info, release.Timeout, ct);
        var stored = recovery == null ? current : await LatestAsync(name, ns, ct);
        var before = stored?.Info;
        var fingerprint = DeployFingerprint.Compute(release, values, ns, PostRender?.Plan.Target);
        var chart = release.Published is { } published
            ? $"{published.Name}-{published.Version}"
            : ChartName(release.Chart);

        var unchanged = before is { IsDeployed: true } && DeployFingerprint.Of(before.Description) == fingerprint;
        var upgrade = new HelmUpgrade
        {
            Release = name, Chart = release.ChartArgument, ChartFlags = release.ChartFlags, Namespace = ns,
            ValuesFiles = values.Files, Set = values.Set,
            Wait = true, WaitForJobs = release.WaitForJobs, Timeout = release.Timeout,
            Description = DeployFingerprint.Description(fingerprint, commit),
            PostRenderer = PostRender?.Command, PostRendererArgs = PostRender?.Arguments ?? [],
        };
        var dependenciesBuilt = false;
        if (!unchanged && recovery == null && before is { IsDeployed: true } && stored?.Rendered is { } deployed)
        {
            // its sources changed: helm renders the upgrade (no revision), and one that applies the same is not made
            await BuildDependenciesAsync(release, ct);
            dependenciesBuilt = true;
            try { unchanged = (await helm.RenderUpgradeAsync(upgrade, ct)).SameAs(deployed); }
            catch (HelmException) { unchanged = false; } // the upgrade meets the same error, and reports it
            if (unchanged)
                Log.Information($"{name}: its chart or values changed, but it renders as revision {before.Revision} " +
                                "does: not upgraded");
        }
        IReadOnlyList<DriftFinding> drift = [];
        if (unchanged)
        {
            drift = await new DriftCheck(kubernetes, RepairDrift).RunAsync(name, ns, stored!, release.Timeout, ct);
            var notReady = (await ReleaseWorkloads.ListAsync(kubernetes, ns, name, ct)).Where(w => !w.IsReady).ToList();
            var unready = notReady.Select(w => $"{w.Kind} {w.Name} {w.Ready}/{w.Wanted}").ToList();
            if (unready.Count > 0 && !RepairDrift)
            {
                Log.Warning($"{name}: unchanged but not ready ({string.Join(", ", unready)}): left (--no-repair)");
                drift = [.. drift, .. notReady.Select(w =>
                    new DriftFinding(w.Kind, w.Name, $"{w.Ready}/{w.Wanted} ready") { ApiPath = "" })];
            }
            else if (unready.Count > 0)
            {
                // e.g. a restarted cluster lost what the hooks made: upgrading again runs them, and helm waits
                recovery = $"unchanged but not ready ({string.Join(", ", unready)}): upgraded again";
                Log.Warning($"{name}: {recovery}");
                unchanged = false;
            }
        }
        if (unchanged && before != null)
        {
            if (drift.Count == 0)
                Log.Information($"{name}: unchanged (chart, values and images equal revision {before.Revision}): " +
                                "not upgraded");
            return new ReleaseOutcome
            {
                Release = name, Namespace = ns, Chart = chart, RevisionBefore = before.Revision,
                RevisionAfter = before.Revision,
                Result = drift.Count == 0 ? "unchanged" : RepairDrift ? "repaired" : "drifted",
                Recovery = recovery, Drift = drift.Select(d => d.ToString()).ToList(),
                Images = await ImagesAsync(stored!.Manifest, ct), Duration = stopwatch.Elapsed,
            };
        }
        if (!dependenciesBuilt) await BuildDependenciesAsync(release, ct);

        if (PostRender != null && !await helm.PostRendersHooksAsync(ct))
            await RefuseHooksOutsideTargetAsync(release, ns, values, PostRender.Plan, ct);
        var start = DateTimeOffset.UtcNow;
        Log.Information($"{name}: helm upgrade --install in {ns} ({(before == null ? "first install" : $"from revision {before.Revision}")})");
        string? failure;
        try
        {
            failure = await UpgradeWatchingAsync(upgrade, ns, name, start, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var left = await InterruptedUpgrade.CleanUpAsync(kubernetes, ns, name, start,
                async token => (await LatestAsync(name, ns, token))?.Info);
            throw new DeployFailedException($"{name}: interrupted during its upgrade; {left}.", new ReleaseOutcome
            {
                Release = name, Namespace = ns, Chart = chart, RevisionBefore = before?.Revision,
                Result = "interrupted", Recovery = recovery, Duration = stopwatch.Elapsed, Error = left,
            });
        }

        var latest = await LatestAsync(name, ns, CancellationToken.None);
        var after = latest?.Info;
        if (failure != null)
        {
            var diagnosis = await new DeployDiagnosis(kubernetes, ns, name, start).DescribeAsync(CancellationToken.None);
            var previous = await WhatServes.DescribeAsync(kubernetes, ns, name, before);
            throw new DeployFailedException(
                $"Release {name} in {ns} failed: {failure}\n{diagnosis}\n{previous}",
                new ReleaseOutcome
                {
                    Release = name, Namespace = ns, Chart = chart, RevisionBefore = before?.Revision, RevisionAfter = after?.Revision,
                    Result = "failed", Recovery = recovery, Duration = stopwatch.Elapsed, Error = failure + "\n" + diagnosis,
                });
        }
        Log.Success($"{name}: revision {after?.Revision} deployed and ready");
        return new ReleaseOutcome
        {
            Release = name, Namespace = ns, Chart = chart, RevisionBefore = before?.Revision, RevisionAfter = after?.Revision,
            Result = before == null ? "installed" : "upgraded", Recovery = recovery,
            Images = await ImagesAsync(latest?.Manifest ?? await helm.GetManifestAsync(name, ns, ct), ct),
            Duration = stopwatch.Elapsed,
        };
    }

    /// <summary>
    /// Helm 3 post-renders no hook (helm 4 does): a hook whose image is outside the target registry would pull from
    /// elsewhere.
    /// </summary>
    private async Task RefuseHooksOutsideTargetAsync(ReleaseDefinition release, string ns, ValuesLayers values, RelocationPlan plan, CancellationToken ct)
    {
        var rendered = await helm.TemplateAsync(release.ReleaseName, release.ChartArgument, ns, values.Files,
            values.Set, ct, release.ChartFlags);
        var outside = plan.ToRelocation().HookImagesOutsideTarget(rendered);
        if (outside.Count > 0)
            throw new TargetFailedException(
                $"{release.ReleaseName}: hooks of the chart use images outside the target registry {plan.Target} ({string.Join(", ", outside)}), " +
                "and helm 3 applies no post-renderer to hooks: point those images at the target registry in the " +
                "chart's values, or deploy with helm 4 (it post-renders hooks too). Nothing was deployed.");
    }

    /// <summary>Runs the upgrade; returns null on success, else why it failed (helm's error, or a hopeless pod seen first).</summary>
    private async Task<string?> UpgradeWatchingAsync(HelmUpgrade upgrade, string ns, string release, DateTimeOffset start, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var upgradeTask = helm.UpgradeAsync(upgrade, stop.Token);
        var watchTask = new FailFastWatcher(kubernetes, ns, release, start).WatchAsync(stop.Token);
        var first = await Task.WhenAny(upgradeTask, watchTask);
        if (first == watchTask && watchTask.IsCompletedSuccessfully)
        {
            var reason = watchTask.Result;
            Log.Warning($"{release}: {reason} — stopping helm instead of waiting for its timeout");
            await stop.CancelAsync();
            try { await upgradeTask; } catch (Exception e) when (e is OperationCanceledException or HelmException) { }
            return reason;
        }
        await stop.CancelAsync();
        try { await watchTask; } catch (OperationCanceledException) { }
        try
        {
            await upgradeTask;
            return null;
        }
        catch (HelmException e)
        {
            return e.ErrorOutput?.Trim() is { Length: > 0 } error ? error : e.Message;
        }
    }

    /// <summary>
    /// The release's newest revision: read from helm's storage in the cluster (no helm process), or from helm when it
    /// stores releases elsewhere (HELM_DRIVER).
    /// </summary>
    private async Task<StoredRelease?> LatestAsync(string release, string ns, CancellationToken ct)
    {
        if (HelmReleaseStorage.IsUsed) return await new HelmReleaseStorage(kubernetes).LatestAsync(release, ns, ct);
        return await helm.StatusAsync(release, ns, ct) is { } status
            ? new StoredRelease(status, await helm.GetManifestAsync(release, ns, ct))
            : null;
    }

    /// <summary>The images a deployed manifest runs, with digests read from their registries.</summary>
    private async Task<IReadOnlyList<DeployedImage>> ImagesAsync(string manifest, CancellationToken ct)
    {
        var images = new List<DeployedImage>();
        foreach (var image in ManifestImages.Find(manifest))
        {
            var reference = ImageReference.Parse(image);
            var digest = reference.Digest ?? KnownDigests.GetValueOrDefault(image);
            if (digest == null && registryFor(reference.Registry) is { } registry)
            {
                try { digest = (await registry.HeadManifestAsync(reference.Repository, reference.Reference, ct))?.Digest; }
                catch (Exception e) when (e is RegistryException or HttpRequestException) { }
            }
            images.Add(new DeployedImage(image, digest));
        }
        return images;
    }

    /// <summary>A chart folder's dependencies are packed in first; a published chart has them.</summary>
    private Task BuildDependenciesAsync(ReleaseDefinition release, CancellationToken ct) =>
        release.Published == null ? ChartDependencies.BuildAsync(helm, release.Chart, ct) : Task.CompletedTask;

    private static string ChartName(string chart)
    {
        var text = File.ReadAllText(Path.Combine(chart, "Chart.yaml"));
        string? Field(string key) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim().Trim('"');
        return $"{Field("name")}-{Field("version")}";
    }
}

/// <summary>A release failed to deploy; the message carries the diagnosis, the outcome goes into the report.</summary>
public sealed class DeployFailedException(string message, ReleaseOutcome outcome) : TargetFailedException(message)
{
    public ReleaseOutcome Outcome { get; } = outcome;
}
