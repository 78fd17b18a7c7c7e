using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>
/// Drives the real helm binary with argument lists and parses its JSON output. Works with Helm 3.17+ and Helm 4,
/// choosing the flags each understands. <see cref="HelmTool"/> finds the binary.
/// </summary>
public sealed class HelmClient(
    string helm, string? kubeconfig = null, string? kubeContext = null, Version? version = null)
{
    private Version? _version = version;

    public string Path { get; } = helm;

    /// <summary>The same helm for a cluster: its kubeconfig and context (null: helm's defaults).</summary>
    public HelmClient WithCluster(string? clusterKubeconfig, string? clusterContext) =>
        new(Path, clusterKubeconfig, clusterContext, _version);

    public async Task<Version> VersionAsync(CancellationToken ct = default) =>
        _version ??= await HelmVersion.ReadAsync(Path, ct)
                     ?? throw new HelmException($"{Path} does not answer `helm version` as helm does.");

    public async Task<int> MajorVersionAsync(CancellationToken ct = default) => (await VersionAsync(ct)).Major;

    /// <summary>Helm 4 post-renders hooks too; helm 3 only the release's other resources.</summary>
    public async Task<bool> PostRendersHooksAsync(CancellationToken ct = default) => await MajorVersionAsync(ct) >= 4;

    public Task DependencyBuildAsync(string chart, CancellationToken ct = default) =>
        RunAsync(["dependency", "build", chart, "--skip-refresh"], ct, cluster: false);

    /// <summary>Packages a chart directory into <paramref name="destination"/>; returns the archive's path.</summary>
    public async Task<string> PackageAsync(string chart, string destination, CancellationToken ct = default)
    {
        var result = await RunAsync(["package", chart, "--destination", destination], ct, cluster: false);
        // "Successfully packaged chart and saved it to: <path>"
        var line = result.StandardOutput.Split('\n').LastOrDefault(l => l.Contains(": ", StringComparison.Ordinal));
        line ??= "";
        return line[(line.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
    }

    /// <summary>
    /// Pushes a packed chart to <c>oci://&lt;repository&gt;</c> (plain HTTP for a loopback registry), signed in through
    /// a registry config of its own that holds <paramref name="credentials"/> (a docker config.json, deleted after).
    /// </summary>
    public async Task PushAsync(string archive, string repository, bool plainHttp,
        (string Host, string Username, string Password)? credentials, CancellationToken ct = default)
    {
        if (credentials == null)
        {
            // helm's own registry login, if any, applies
            await RunAsync(["push", archive, $"oci://{repository}", .. plainHttp ? ["--plain-http"] : Array.Empty<string>()],
                ct, cluster: false);
            return;
        }
        var config = System.IO.Path.Combine(Directory.CreateTempSubdirectory("slipway-helm-registry-").FullName,
            "config.json");
        try
        {
            var auths = new JsonObject();
            if (credentials is { } c)
                auths[c.Host] = new JsonObject
                {
                    ["auth"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{c.Username}:{c.Password}")),
                };
            File.WriteAllText(config, new JsonObject { ["auths"] = auths }.ToJsonString());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            string[] args =
                ["push", archive, $"oci://{repository}", .. plainHttp ? ["--plain-http"] : Array.Empty<string>()];
            await RunAsync(args, ct, cluster: false,
                environment: new Dictionary<string, string?> { ["HELM_REGISTRY_CONFIG"] = config });
        }
        finally
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(config)!, recursive: true);
        }
    }

    /// <summary>helm lint --strict; a failure names lint's findings (which helm prints on standard output).</summary>
    public async Task LintAsync(string chart, IReadOnlyList<string> valuesFiles,
        IReadOnlyList<KeyValuePair<string, string>> set, CancellationToken ct = default)
    {
        var arguments = new List<string> { "lint", chart, "--strict" };
        arguments.AddRange(ValuesArguments(valuesFiles, set));
        var result = await RunAsync(arguments, ct, cluster: false, allowFailure: true);
        if (result.Succeeded) return;
        var findings = string.Join('\n', result.Output.Select(l => l.Text.Trim())
            .Where(l => l.StartsWith("[ERROR]", StringComparison.Ordinal)
                        || l.StartsWith("[WARNING]", StringComparison.Ordinal))
            .Append(result.StandardError.Trim()));
        throw new HelmException($"{result.CommandLine} failed (exit {result.ExitCode}): {findings}", findings);
    }

    /// <summary>Renders a chart locally (no cluster access); returns the manifests.</summary>
    public async Task<string> TemplateAsync(string release, string chart, string ns, IReadOnlyList<string> valuesFiles,
        IReadOnlyList<KeyValuePair<string, string>> set, CancellationToken ct = default,
        IReadOnlyList<string>? chartFlags = null) =>
        (await RunAsync(["template", release, chart, .. chartFlags ?? [], "--namespace", ns,
            .. ValuesArguments(valuesFiles, set)], ct, cluster: false)).StandardOutput;

    public async Task<ProcessResult> UpgradeAsync(HelmUpgrade upgrade, CancellationToken ct = default)
    {
        var major = await MajorVersionAsync(ct);
        var args = new List<string> { "upgrade", upgrade.Release, upgrade.Chart, "--install", "--namespace", upgrade.Namespace };
        args.AddRange(upgrade.ChartFlags);
        args.AddRange(ValuesArguments(upgrade.ValuesFiles, upgrade.Set));
        // helm 3.13 made --dry-run take a mode (client: nothing reaches the cluster but the reading of the release)
        if (upgrade.DryRun)
            args.AddRange([await VersionAsync(ct) >= new Version(3, 13) ? "--dry-run=client" : "--dry-run",
                "--output", "json"]);
        if (upgrade.Wait && !upgrade.DryRun) args.Add(WaitFlag(major));
        if (upgrade.WaitForJobs && !upgrade.DryRun) args.Add("--wait-for-jobs");
        args.AddRange(["--timeout", $"{(int)upgrade.Timeout.TotalSeconds}s"]);
        if (upgrade.CreateNamespace) args.Add("--create-namespace");
        if (upgrade.Description != null) args.AddRange(["--description", upgrade.Description]);
        if (upgrade.PostRenderer == null) return await RunAsync(args, ct);

        // helm 3 runs the command itself; helm 4 only a plugin, which runs the command
        using var plugin = major >= 4 ? PostRendererPlugin.Create(upgrade.PostRenderer) : null;
        args.AddRange(["--post-renderer", plugin == null ? upgrade.PostRenderer : PostRendererPlugin.Name]);
        // the = form: an argument that starts with -- must not be read as a flag of helm's
        foreach (var argument in upgrade.PostRendererArgs) args.Add($"--post-renderer-args={argument}");
        var environment = plugin == null ? new Dictionary<string, string?>() : new Dictionary<string, string?>
        {
            ["HELM_PLUGINS"] = plugin.PluginsDirectory,
            [PostRendererPlugin.ErrorFileVariable] = plugin.ErrorFile,
        };
        try
        {
            return await RunAsync(args, ct, environment: environment);
        }
        catch (HelmException e) when (plugin?.ReadError() is { } error)
        {
            throw new HelmException($"{e.Message}\n{error}", $"{e.ErrorOutput}\n{error}".Trim());
        }
    }

    /// <summary>What the upgrade would apply, rendered by helm as it upgrades (revision, values, post-renderer).
    /// </summary>
    public async Task<RenderedRelease> RenderUpgradeAsync(HelmUpgrade upgrade, CancellationToken ct = default)
    {
        var output = (await UpgradeAsync(upgrade with { DryRun = true }, ct)).StandardOutput;
        var start = output.IndexOf('{');  // what helm prints before the JSON (warnings) is left out
        var release = start < 0 ? null : JsonNode.Parse(output[start..]);
        // the output holds the rendered Secrets: it is never put in a message
        return release == null
            ? throw new HelmException($"helm upgrade --dry-run of {upgrade.Release} printed no release as JSON.")
            : RenderedRelease.From(release);
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
        if (wait) args.Add(WaitFlag(major));
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

    /// <summary>Helm 4's --wait takes a strategy: watcher (kstatus) waits as helm 3's --wait does.</summary>
    private static string WaitFlag(int major) => major >= 4 ? "--wait=watcher" : "--wait";

    private async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct,
        bool cluster = true, bool allowFailure = false, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var args = arguments.ToList();
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        // --kubeconfig takes one file; a path list (merged as kubectl merges it) goes through KUBECONFIG
        if (cluster && kubeconfig != null && kubeconfig.Contains(System.IO.Path.PathSeparator)) variables["KUBECONFIG"] = kubeconfig;
        else if (cluster && kubeconfig != null) args.AddRange(["--kubeconfig", kubeconfig]);
        if (cluster && kubeContext != null) args.AddRange(["--kube-context", kubeContext]);
        var result = await ProcessRunner.RunAsync(Path, args, new ProcessOptions
        {
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = true,
            Environment = variables,
            // helm finishes marking the release failed on SIGTERM within this grace period
            GracePeriod = TimeSpan.FromSeconds(30),
        }, ct);
        Log.Debug("> " + result.CommandLine);
        if (!result.Succeeded && !allowFailure)
            throw new HelmException($"{result.CommandLine} failed (exit {result.ExitCode}): {result.StandardError.Trim()}", result.StandardError);
        return result;
    }
}
