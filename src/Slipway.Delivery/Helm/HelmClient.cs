using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>
/// Drives the real helm binary with argument lists and parses its JSON output. Works with Helm 3.17+ and Helm 4,
/// choosing the flags each understands.
/// </summary>
public sealed class HelmClient(string helm, string? kubeconfig = null, string? kubeContext = null)
{
    private int? _major;

    public string Path { get; } = helm;

    public async Task<int> MajorVersionAsync(CancellationToken ct = default)
    {
        if (_major is { } known) return known;
        var result = await RunAsync(["version", "--short"], ct, cluster: false);
        var text = result.StandardOutput.Trim().TrimStart('v');
        _major = int.TryParse(text.Split('.')[0], out var major) ? major : 3;
        return _major.Value;
    }

    public Task DependencyBuildAsync(string chart, CancellationToken ct = default) =>
        RunAsync(["dependency", "build", chart, "--skip-refresh"], ct, cluster: false);

    public async Task LintAsync(string chart, IReadOnlyList<string> valuesFiles, IReadOnlyList<KeyValuePair<string, string>> set, CancellationToken ct = default) =>
        await RunAsync(["lint", chart, "--strict", .. ValuesArguments(valuesFiles, set)], ct, cluster: false);

    /// <summary>Renders a chart locally (no cluster access); returns the manifests.</summary>
    public async Task<string> TemplateAsync(string release, string chart, string ns, IReadOnlyList<string> valuesFiles,
        IReadOnlyList<KeyValuePair<string, string>> set, CancellationToken ct = default) =>
        (await RunAsync(["template", release, chart, "--namespace", ns, .. ValuesArguments(valuesFiles, set)], ct, cluster: false)).StandardOutput;

    public async Task<ProcessResult> UpgradeAsync(HelmUpgrade upgrade, CancellationToken ct = default)
    {
        var major = await MajorVersionAsync(ct);
        var args = new List<string> { "upgrade", upgrade.Release, upgrade.Chart, "--install", "--namespace", upgrade.Namespace };
        args.AddRange(ValuesArguments(upgrade.ValuesFiles, upgrade.Set));
        if (upgrade.Wait) args.Add(major >= 4 ? "--wait=watcher" : "--wait");
        if (upgrade.WaitForJobs) args.Add("--wait-for-jobs");
        args.AddRange(["--timeout", $"{(int)upgrade.Timeout.TotalSeconds}s"]);
        if (upgrade.CreateNamespace) args.Add("--create-namespace");
        if (upgrade.Description != null) args.AddRange(["--description", upgrade.Description]);
        if (upgrade.PostRenderer != null)
        {
            if (major >= 4)
                throw new HelmException($"helm {major} takes post-renderers only as plugins, so {upgrade.Release} cannot be relocated by one: use helm 3 (the local stack's), or point the chart's images at the target registry in its values.", "");
            args.AddRange(["--post-renderer", upgrade.PostRenderer]);
            // the = form: an argument that starts with -- must not be read as a flag of helm's
            foreach (var argument in upgrade.PostRendererArgs) args.Add($"--post-renderer-args={argument}");
        }
        return await RunAsync(args, ct);
    }

    /// <summary>The release's current state, or null when it does not exist.</summary>
    public async Task<HelmReleaseInfo?> StatusAsync(string release, string ns, CancellationToken ct = default)
    {
        var result = await RunAsync(["status", release, "--namespace", ns, "--output", "json"], ct, allowFailure: true);
        if (!result.Succeeded)
        {
            if (result.StandardError.Contains("not found", StringComparison.OrdinalIgnoreCase)) return null;
            throw new HelmException($"helm status {release} failed: {result.StandardError.Trim()}", result.StandardError);
        }
        var json = JsonNode.Parse(result.StandardOutput)!;
        return new HelmReleaseInfo(release, ns, json["version"]!.GetValue<int>(), json["info"]!["status"]!.GetValue<string>(),
            $"{json["chart"]?["metadata"]?["name"]}-{json["chart"]?["metadata"]?["version"]}", json["chart"]?["metadata"]?["appVersion"]?.GetValue<string>(),
            json["info"]?["description"]?.GetValue<string>());
    }

    /// <summary>Every revision, oldest first (empty when the release does not exist).</summary>
    public async Task<IReadOnlyList<HelmReleaseInfo>> HistoryAsync(string release, string ns, CancellationToken ct = default)
    {
        var result = await RunAsync(["history", release, "--namespace", ns, "--output", "json", "--max", "256"], ct, allowFailure: true);
        if (!result.Succeeded)
        {
            if (result.StandardError.Contains("not found", StringComparison.OrdinalIgnoreCase)) return [];
            throw new HelmException($"helm history {release} failed: {result.StandardError.Trim()}", result.StandardError);
        }
        return JsonNode.Parse(result.StandardOutput)!.AsArray().Select(r => new HelmReleaseInfo(release, ns,
            r!["revision"]!.GetValue<int>(), r["status"]!.GetValue<string>(), r["chart"]?.GetValue<string>() ?? "",
            r["app_version"]?.GetValue<string>(), r["description"]?.GetValue<string>())).OrderBy(r => r.Revision).ToList();
    }

    /// <summary>The values the release was installed with (user-supplied, or all computed values).</summary>
    public async Task<JsonNode?> GetValuesAsync(string release, string ns, bool all = false, int? revision = null, CancellationToken ct = default)
    {
        var args = new List<string> { "get", "values", release, "--namespace", ns, "--output", "json" };
        if (all) args.Add("--all");
        if (revision != null) args.AddRange(["--revision", revision.Value.ToString(CultureInfo.InvariantCulture)]);
        return JsonNode.Parse((await RunAsync(args, ct)).StandardOutput);
    }

    public async Task<string> GetManifestAsync(string release, string ns, CancellationToken ct = default) =>
        (await RunAsync(["get", "manifest", release, "--namespace", ns], ct)).StandardOutput;

    public async Task RollbackAsync(string release, string ns, int revision, bool wait, TimeSpan timeout, CancellationToken ct = default)
    {
        var major = await MajorVersionAsync(ct);
        var args = new List<string> { "rollback", release, revision.ToString(CultureInfo.InvariantCulture), "--namespace", ns, "--timeout", $"{(int)timeout.TotalSeconds}s" };
        if (wait) args.Add(major >= 4 ? "--wait=watcher" : "--wait");
        await RunAsync(args, ct);
    }

    public async Task UninstallAsync(string release, string ns, bool wait = true, CancellationToken ct = default)
    {
        var args = new List<string> { "uninstall", release, "--namespace", ns };
        if (wait) args.Add("--wait");
        await RunAsync(args, ct);
    }

    private static IEnumerable<string> ValuesArguments(IReadOnlyList<string> files, IReadOnlyList<KeyValuePair<string, string>> set)
    {
        foreach (var file in files) yield return "--values=" + file;
        foreach (var (key, value) in set) yield return $"--set={key}={value}";
    }

    private async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct, bool cluster = true, bool allowFailure = false)
    {
        var args = arguments.ToList();
        if (cluster && kubeconfig != null) args.AddRange(["--kubeconfig", kubeconfig]);
        if (cluster && kubeContext != null) args.AddRange(["--kube-context", kubeContext]);
        var result = await ProcessRunner.RunAsync(Path, args, new ProcessOptions
        {
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = true,
            // helm finishes marking the release failed on SIGTERM within this grace period
            GracePeriod = TimeSpan.FromSeconds(30),
        }, ct);
        Log.Debug("> " + result.CommandLine);
        if (!result.Succeeded && !allowFailure)
            throw new HelmException($"{result.CommandLine} failed (exit {result.ExitCode}): {result.StandardError.Trim()}", result.StandardError);
        return result;
    }
}
