using Slipway.Engine;

namespace Slipway.LocalStack.Node;

/// <summary>
/// The kernel settings a node changes: the kubelet sets vm.overcommit_memory, kernel.panic and kernel.panic_on_oops
/// at start, and Service traffic between pods needs IP forwarding. Their values are saved before the node first
/// starts and put back by StackDown.
/// </summary>
public sealed class KernelSettings(AbsolutePath savedFile)
{
    public static readonly string[] Names =
    [
        "vm/overcommit_memory", "kernel/panic", "kernel/panic_on_oops", "net/ipv4/ip_forward",
        "net/ipv4/conf/all/route_localnet", "net/bridge/bridge-nf-call-iptables", "net/netfilter/nf_conntrack_max",
    ];

    /// <summary>The current value of each setting this kernel has.</summary>
    public static IReadOnlyDictionary<string, string> Current() => Names
        .Where(n => File.Exists(Path.Combine("/proc/sys", n)))
        .ToDictionary(n => n, n => File.ReadAllText(Path.Combine("/proc/sys", n)).Trim());

    /// <summary>Whether values are saved: the node started since they were last restored.</summary>
    public bool Saved => savedFile.FileExists;

    /// <summary>Saves the values as they are before the node changes them (kept when already saved).</summary>
    public void SaveOnce()
    {
        if (savedFile.FileExists) return;
        savedFile.Parent.CreateDirectory();
        File.WriteAllLines(savedFile, Current().Select(s => $"{s.Key}={s.Value}"));
    }

    public static void Set(string name, string value) => File.WriteAllText(Path.Combine("/proc/sys", name), value);

    /// <summary>Writes back every saved value that changed; returns the settings restored.</summary>
    public IReadOnlyList<string> Restore()
    {
        if (!savedFile.FileExists) return [];
        var restored = new List<string>();
        foreach (var line in File.ReadAllLines(savedFile))
        {
            var (name, value) = (line.Split('=', 2)[0], line.Split('=', 2)[1]);
            var file = Path.Combine("/proc/sys", name);
            if (!File.Exists(file) || File.ReadAllText(file).Trim() == value) continue;
            File.WriteAllText(file, value);
            restored.Add($"{name.Replace('/', '.')}={value}");
        }
        File.Delete(savedFile);
        return restored;
    }
}
