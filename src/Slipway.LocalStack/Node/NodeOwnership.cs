using Slipway.Engine;

namespace Slipway.LocalStack.Node;

/// <summary>
/// A node is machine-wide (its bridge, addresses, iptables rules and DNS port are fixed): the stack running one
/// records itself in /run, and another stack's StackUp is refused while that one's kubelet runs.
/// </summary>
public static class NodeOwnership
{
    private const string OwnerFile = "/run/slipway-node.owner";

    public static void Claim(StackPaths paths)
    {
        if (OwnedByAnother(paths))
        {
            var owner = File.ReadAllText(OwnerFile).Trim();
            throw new StackException($"Another local stack runs this machine's Kubernetes node (its state: {owner}). " +
                                     "A machine has one node: stop that stack first (./build.sh StackDown in its " +
                                     "repository), or use its cluster.");
        }
        File.WriteAllText(OwnerFile, paths.State.ToString());
    }

    /// <summary>True when another stack's node runs here: its bridge, rules and settings are not this stack's to undo.</summary>
    public static bool OwnedByAnother(StackPaths paths)
    {
        if (!File.Exists(OwnerFile)) return false;
        var owner = File.ReadAllText(OwnerFile).Trim();
        return owner != paths.State.ToString() && OwnerRuns(owner);
    }

    public static void Release(StackPaths paths)
    {
        if (File.Exists(OwnerFile) && File.ReadAllText(OwnerFile).Trim() == paths.State.ToString()) File.Delete(OwnerFile);
    }

    private static bool OwnerRuns(string state)
    {
        var pidFile = Path.Combine(state, "pids", "kubelet.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)
            && PosixSignals.IsAlive(pid) && PosixSignals.CommandLine(pid).Contains("kubelet", StringComparison.Ordinal);
    }
}
