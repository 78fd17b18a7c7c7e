using Slipway.Delivery.Stack;
using System.Diagnostics;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.LocalStack.Parts;
using Slipway.Delivery.Tools;
using Slipway.LocalStack.Node;
using Slipway.Engine;
using Spectre.Console;

namespace Slipway.LocalStack;

/// <summary>
/// The local stack: a registry, an authenticated "client" registry, a Docker engine, etcd + kube-apiserver +
/// kube-controller-manager + kube-scheduler, and a node (kubelet on dockerd, kube-proxy, a cluster DNS) — installed,
/// started, probed and stopped by the build. Helm is not
/// a part of it but a tool (<see cref="HelmTool"/>); stack.env names the one the build uses, for shells.
/// </summary>
public sealed class StackServers
{
    private readonly StackPaths _paths;
    private readonly Verbosity _verbosity;
    private readonly RegistryPart _registry;
    private readonly RegistryPart _clientRegistry;
    private readonly DockerEnginePart _docker;
    private readonly EtcdPart _etcd;
    private readonly ApiServerPart _apiServer;
    private readonly ControllerManagerPart _controllerManager;
    private readonly SchedulerPart _scheduler;
    private readonly KubeletPart _kubelet;
    private readonly KubeProxyPart _kubeProxy;
    private readonly ClusterDnsPart _clusterDns;
    private readonly DnsRecordsPart _dnsRecords;

    public StackServers(StackPaths paths, StackPorts ports, Verbosity verbosity)
    {
        _paths = paths;
        _verbosity = verbosity;
        _registry = new RegistryPart("registry", paths, ports.Registry, null);
        _clientRegistry = new RegistryPart("client-registry", paths, ports.ClientRegistry, paths.State / "client-registry" / "htpasswd");
        _docker = new DockerEnginePart(paths);
        _etcd = new EtcdPart(paths, ports);
        _apiServer = new ApiServerPart(paths, ports);
        _controllerManager = new ControllerManagerPart(paths, ports);
        _scheduler = new SchedulerPart(paths, ports);
        _kubelet = new KubeletPart(paths, ports, () => new PauseImage(paths, _registry.Endpoint, _docker.Engine).Reference);
        _kubeProxy = new KubeProxyPart(paths, ports);
        _clusterDns = new ClusterDnsPart(paths);
        _dnsRecords = new DnsRecordsPart(paths, _clusterDns);
    }

    public StackPaths Paths => _paths;

    /// <summary>In start order; stopped in reverse.</summary>
    public IReadOnlyList<StackPart> Parts =>
    [
        _registry, _clientRegistry, _docker, _etcd, _apiServer, _controllerManager, _scheduler,
        _kubelet, _kubeProxy, _dnsRecords, _clusterDns,
    ];

    private NodeTeardown NodeTeardown => new(_paths);

    /// <summary>The endpoints of the running stack (from stack.env), or null when StackUp has not run.</summary>
    public StackEnvironment? Environment => StackEnvironment.Read(_paths.EnvironmentFile);

    public async Task<StackEnvironment> UpAsync(CancellationToken ct)
    {
        if (await AlreadyUpAsync(ct) is { } upAlready)
        {
            // a stack started by an older build may lack a base image added since: made now, nothing else changes
            if (await new BaseImages(_paths, _registry.Endpoint, _docker.Engine).EnsureAsync(ct))
                Log.Information("✓ base images: built and pushed");
            Log.Information("✓ stack is up: every part runs and answers (nothing to do)");
            return upAlready;
        }
        var provisioning = new StackProvisioning(_paths, _verbosity);
        try
        {
            if (!OperatingSystem.IsLinux() || System.Environment.UserName != "root")
                throw new StackException("StackUp installs Debian packages and starts dockerd: run it as root on Debian 12 (bookworm).");
            _paths.State.CreateDirectory();
            await Step("Debian packages", () => provisioning.InstallPackagesAsync(ct));
            // the images' root file systems are made meanwhile (network and disk), not after (CPU)
            var images = new BaseImages(_paths, _registry.Endpoint, _docker.Engine);
            using var stopRootfs = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var rootfs = Task.Run(() => images.PrepareRootfsAsync(stopRootfs.Token), stopRootfs.Token);
            try
            {
                await Step("Kubernetes binaries", () => provisioning.BuildKubernetesAsync(ct));
            }
            catch
            {
                await stopRootfs.CancelAsync();
                await rootfs.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }
            await Step("PKI", () => provisioning.CreatePkiAsync(ct));
            var (user, password, _) = await Step("client registry credentials", () => provisioning.ClientRegistryCredentialsAsync(ct));
            var helm = await Step("helm (a tool, named in stack.env)",
                () => Task.Run(() => HelmTool.Resolve(SlipwayCache.ProcessVariables()).Path, ct));
            foreach (var part in Parts)
            {
                if (part == _controllerManager) _apiServer.WriteKubeconfig();
                if (part == _kubelet) await PrepareNodeAsync(ct);
                await Step(part.Name, async () => await part.EnsureStartedAsync(ct) ? "started" : "already running");
            }
            await Step("node ready", () => new NodeReadiness(_paths, _kubelet).WaitAsync(ct));
            await Step("default service account", () => WaitForDefaultServiceAccountAsync(ct));
            await Step("image root file systems", async () => { await rootfs; return "ready"; });
            await Step("base images", async () => await images.EnsureAsync(ct) ? "built and pushed" : "present");

            var environment = new StackEnvironment
            {
                Kubeconfig = _paths.Kubeconfig,
                DockerHost = _docker.Endpoint,
                Registry = _registry.Endpoint,
                TargetRegistry = _clientRegistry.Endpoint,
                TargetRegistryUsername = user,
                TargetRegistryPassword = password,
                Helm = helm,
            };
            _paths.EnvironmentFile.WritePrivateTextIfChanged(environment.ToEnvFile());
            Log.Success($"Stack is up. Endpoints: source {_paths.EnvironmentFile.RelativeTo(_paths.RepositoryRoot)}");
            return environment;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var running = Parts.Where(p => p.Daemon.RunningPid() != null).Select(p => p.Name).ToList();
            var left = running.Count == 0 ? "No part of the stack is running."
                : $"Still running: {string.Join(", ", running)}. Run ./build.sh StackUp again once fixed (it continues where it stopped), " +
                  "or ./build.sh StackDown to stop them.";
            throw new StackException($"{e.Message}\n{left}");
        }
    }

    /// <summary>The running stack's endpoints when every part was started by this stack and answers now; else null.</summary>
    private async Task<StackEnvironment?> AlreadyUpAsync(CancellationToken ct)
    {
        StackEnvironment? environment;
        // a stack.env written by an older build lacks a variable: start again, which writes it anew
        try { environment = Environment; }
        catch (InvalidOperationException) { return null; }
        if (environment == null || Parts.Any(p => p.Daemon.RunningPid() == null || p.NeedsRestart)) return null;
        var probes = await Task.WhenAll(Parts.Select(p => p.ProbeAsync(ct)));
        return probes.All(p => p.Problem == null) ? environment : null;
    }

    /// <summary>
    /// The node's prerequisites, before the kubelet starts: the host's settings as they were, the pause image, the
    /// pod network. Refused when another stack's node runs on this machine (a node is machine-wide).
    /// </summary>
    private async Task PrepareNodeAsync(CancellationToken ct)
    {
        await Step("node prerequisites", async () =>
        {
            NodeOwnership.Claim(_paths);
            NodeTeardown.RecordHostBefore();
            KernelSettings.Set("net/ipv4/ip_forward", "1");
            var pushed = await new PauseImage(_paths, _registry.Endpoint, _docker.Engine).EnsureAsync(ct);
            await new NodeNetwork(_paths).EnsureAsync(ct);
            return pushed ? "pause image built, pod network ready" : "pod network ready";
        });
    }

    /// <summary>
    /// Stops, in reverse order, every part this stack started (by pid file), then removes what the node left on the
    /// host (iptables rules, mounts, the pod network, kernel settings); caches stay.
    /// </summary>
    public async Task DownAsync()
    {
        foreach (var part in Parts.Reverse())
        {
            var stopped = await part.Daemon.StopAsync(TimeSpan.FromSeconds(15));
            Log.Information($"{part.Name}: {(stopped ? "stopped" : "was not running")}");
        }
        if (NodeOwnership.OwnedByAnother(_paths))
        {
            Log.Information("node: another stack runs this machine's node; its network and settings stay");
        }
        else
        {
            var removed = await NodeTeardown.RunAsync(_kubeProxy.Executable, CancellationToken.None);
            if (removed.Count > 0) Log.Information($"node: removed {string.Join("; ", removed)}");
            NodeOwnership.Release(_paths);
        }
        if (_paths.EnvironmentFile.FileExists) File.Delete(_paths.EnvironmentFile);
    }

    /// <summary>Prints each part's endpoint, version and health; true when all are healthy.</summary>
    public async Task<bool> StatusAsync(CancellationToken ct)
    {
        var rows = new List<PartHealth>();
        foreach (var part in Parts) rows.Add(await part.HealthAsync(ct));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Part").AddColumn("Endpoint").AddColumn("Version").AddColumn("Health");
        foreach (var row in rows)
            table.AddRow(Markup.Escape(row.Part), Markup.Escape(row.Endpoint), Markup.Escape(row.Version ?? ""),
                row.Healthy ? $"[green]up[/] {Markup.Escape(row.Detail)}" : $"[red]down[/] {Markup.Escape(row.Detail)}");
        BuildOutput.Current.Render(table);
        return rows.All(r => r.Healthy);
    }

    /// <summary>Pods need their namespace's default service account, which the controller-manager creates shortly after start.</summary>
    private async Task<string> WaitForDefaultServiceAccountAsync(CancellationToken ct)
    {
        using var client = new KubernetesClient(KubeConfig.FromFiles([_paths.Kubeconfig]));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await client.TryGetAsync("/api/v1/namespaces/default/serviceaccounts/default", ct) != null) return "present";
            await Task.Delay(300, ct);
        }
        throw new StackException($"The controller-manager did not create the default service account within 60 s. Read {_controllerManager.Daemon.LogFile}.");
    }

    private async Task Step(string name, Func<Task> action) => await Step(name, async () => { await action(); return "done"; });

    private async Task<T> Step<T>(string name, Func<Task<T>> action)
    {
        var stopwatch = Stopwatch.StartNew();
        Log.Debug($"{name}…");
        var result = await action();
        var shown = result is string text ? text : "done";
        Log.Information($"✓ {name}: {shown} ({stopwatch.Elapsed.TotalSeconds:0.0} s)");
        return result;
    }
}
