using Slipway.Engine;

namespace Slipway.LocalStack.Node;

/// <summary>
/// What a stopped node leaves on the host, removed once its processes and dockerd are gone: kube-proxy's iptables
/// rules, the kubelet's volume mounts, the pod network, the pod log folders it made under /var/log, and the
/// kernel settings it changed. Returns what it removed, for the log.
/// </summary>
public sealed class NodeTeardown(StackPaths paths)
{
    public static readonly string[] LogFolders = ["/var/log/pods", "/var/log/containers"];

    private AbsolutePath LogListing => paths.State / "node-before" / "log-entries";
    public KernelSettings KernelSettings => new(paths.State / "node-before" / "kernel-settings");

    /// <summary>Before the node first starts: what the host looks like where the node writes.</summary>
    public void RecordHostBefore()
    {
        KernelSettings.SaveOnce();
        if (LogListing.FileExists) return;
        File.WriteAllLines(LogListing, LogEntries());
    }

    public async Task<IReadOnlyList<string>> RunAsync(AbsolutePath kubeProxy, CancellationToken ct)
    {
        var removed = new List<string>();
        // the host's iptables are touched only when this stack's node ran since the last teardown (another
        // Kubernetes on the machine keeps its KUBE-* chains)
        var nodeRan = LogListing.FileExists || KernelSettings.Saved;
        if (nodeRan && kubeProxy.FileExists)
        {
            var cleanup = await ProcessRunner.RunAsync(kubeProxy, ["--cleanup", "--proxy-mode=iptables"],
                new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true }, ct);
            if (cleanup.ExitCode == 0) removed.Add("kube-proxy's iptables rules");
            else Log.Warning("kube-proxy --cleanup failed (its KUBE-* chains are removed below): " +
                             cleanup.StandardError.Trim().Split('\n')[^1]);
        }
        var chains = nodeRan ? await KubeChains.RemoveAsync(ct) : 0;
        if (chains > 0) removed.Add($"{chains} KUBE-* iptables chains");
        var mounts = MountsUnder(paths.NodeRoot);
        foreach (var mount in mounts)
            await ProcessRunner.RunAsync("umount", ["-l", mount],
                new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true }, ct);
        if (mounts.Count > 0) removed.Add($"{mounts.Count} volume mounts");
        // the node's files stay (as a rebooted node's do): pods' emptyDir data is there when the stack comes back
        if (NodeNetwork.BridgeExists) removed.Add($"the pod network ({NodeNetwork.Bridge})");
        await new NodeNetwork(paths).RemoveAsync(ct);
        if (LogListing.FileExists)
        {
            var before = File.ReadAllLines(LogListing).ToHashSet();
            var added = LogEntries().Where(e => !before.Contains(e)).ToList();
            foreach (var entry in added)
                if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                    Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            if (added.Count > 0) removed.Add($"{added.Count} pod log entries under /var/log");
            File.Delete(LogListing);
        }
        var restored = KernelSettings.Restore();
        if (restored.Count > 0) removed.Add($"kernel settings restored ({string.Join(", ", restored)})");
        return removed;
    }

    private static IEnumerable<string> LogEntries() => LogFolders.Where(Directory.Exists)
        .SelectMany(Directory.EnumerateFileSystemEntries).Order(StringComparer.Ordinal);

    /// <summary>Mount points at or under <paramref name="root"/>, deepest first.</summary>
    public static IReadOnlyList<string> MountsUnder(string root) => File.ReadLines("/proc/self/mountinfo")
        .Select(l => l.Split(' ')[4].Replace("\\040", " "))
        .Where(m => m == root || m.StartsWith(root + "/", StringComparison.Ordinal))
        .OrderByDescending(m => m.Length).ToList();
}
