using Slipway.Engine;

namespace Slipway.LocalStack.Node;

/// <summary>
/// The iptables chains named KUBE-* that outlive <c>kube-proxy --cleanup</c> (its canary chains, the packet-mark
/// chains): the rules jumping to them, then the chains themselves, in every table.
/// </summary>
public static class KubeChains
{
    private static readonly string[] Tables = ["mangle", "filter", "nat"];

    /// <summary>Removes them; returns how many chains were removed.</summary>
    public static async Task<int> RemoveAsync(CancellationToken ct)
    {
        var removed = 0;
        foreach (var table in Tables)
        {
            var rules = (await Iptables(ct, "-t", table, "-S")).Split('\n');
            foreach (var rule in rules.Where(r => r.StartsWith("-A ") && !r.StartsWith("-A KUBE-") && r.Contains(" -j KUBE-")))
                await Iptables(ct, ["-t", table, "-D", .. Split(rule[3..])]);
            var chains = rules.Where(r => r.StartsWith("-N KUBE-")).Select(r => r[3..].Trim()).ToList();
            foreach (var chain in chains) await Iptables(ct, "-t", table, "-F", chain);
            foreach (var chain in chains) await Iptables(ct, "-t", table, "-X", chain);
            removed += chains.Count;
        }
        return removed;
    }

    /// <summary>An iptables -S rule's words; quoted comments ("…") stay one argument.</summary>
    private static IEnumerable<string> Split(string rule)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in rule)
        {
            if (c == '"') { quoted = !quoted; continue; }
            if (c == ' ' && !quoted)
            {
                if (current.Length > 0) words.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private static async Task<string> Iptables(CancellationToken ct, params string[] arguments) =>
        (await ProcessRunner.RunAsync("iptables", arguments,
            new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true }, ct)).StandardOutput;
}
