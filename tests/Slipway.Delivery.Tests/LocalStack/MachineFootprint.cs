using Slipway.Engine;

namespace Slipway.Delivery.Tests.LocalStack;

/// <summary>
/// What a node can leave on a host, read by the test itself: iptables rules, network links, mounts, kernel
/// settings, the pod log folders under /var/log, and the stack's processes.
/// </summary>
public sealed record MachineFootprint(
    IReadOnlyList<string> IptablesRules, IReadOnlyList<string> Links, IReadOnlyList<string> Mounts,
    IReadOnlyDictionary<string, string> Kernel, IReadOnlyList<string> PodLogs, IReadOnlyList<string> Processes)
{
    public static readonly string[] KernelSettings =
    [
        "vm/overcommit_memory", "kernel/panic", "kernel/panic_on_oops", "net/ipv4/ip_forward",
        "net/ipv4/conf/all/route_localnet", "net/bridge/bridge-nf-call-iptables",
    ];

    /// <param name="stackState">the stack's folder: every process of the stack names a file in it</param>
    public static async Task<MachineFootprint> ReadAsync(string stackState)
    {
        var rules = (await Run("iptables-save")).Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @" \[\d+:\d+\]$", ""))
            .ToList();
        var links = (await Run("ip", "-o", "link", "show")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[1].Trim().Split('@')[0]).Order(StringComparer.Ordinal).ToList();
        // another checkout's stack on the same machine (its containers come and go) is not this one's trace
        var mounts = File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])
            .Where(m => !m.Contains("/.nuke/temp/stack/", StringComparison.Ordinal) || m.StartsWith(stackState + "/"))
            .Order(StringComparer.Ordinal).ToList();
        var kernel = KernelSettings.Where(s => File.Exists("/proc/sys/" + s))
            .ToDictionary(s => s, s => File.ReadAllText("/proc/sys/" + s).Trim());
        var podLogs = new[] { "/var/log/pods", "/var/log/containers" }.Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFileSystemEntries).Order(StringComparer.Ordinal).ToList();
        var processes = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
            .Where(p => int.TryParse(p, out _))
            .Select(p => ReadCommandLine(p!))
            .Where(c => c.Contains(stackState, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        return new MachineFootprint(rules, links, mounts, kernel, podLogs, processes);
    }

    /// <summary>Each difference from <paramref name="before"/>, as lines a failing test can show.</summary>
    public IReadOnlyList<string> DifferencesFrom(MachineFootprint before)
    {
        var differences = new List<string>();
        void Compare(string what, IReadOnlyList<string> was, IReadOnlyList<string> now)
        {
            differences.AddRange(now.Except(was).Select(x => $"{what} added: {x}"));
            differences.AddRange(was.Except(now).Select(x => $"{what} removed: {x}"));
        }
        Compare("iptables rule", before.IptablesRules, IptablesRules);
        Compare("link", before.Links, Links);
        Compare("mount", before.Mounts, Mounts);
        Compare("pod log entry", before.PodLogs, PodLogs);
        Compare("process", before.Processes, Processes);
        differences.AddRange(Kernel.Where(k => before.Kernel.GetValueOrDefault(k.Key) != k.Value)
            .Select(k => $"kernel setting {k.Key}: {before.Kernel.GetValueOrDefault(k.Key)} → {k.Value}"));
        return differences;
    }

    private static string ReadCommandLine(string pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static async Task<string> Run(string command, params string[] arguments) =>
        (await ProcessRunner.RunAsync(command, arguments, new ProcessOptions { LogOutput = false, LogInvocation = false }))
        .StandardOutput;
}
