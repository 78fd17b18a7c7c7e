using System.Text.Json;
using Slipway.Engine;

namespace Slipway.LocalStack.Node;

/// <summary>
/// The node's pod network: a Linux bridge the CNI <c>bridge</c> plugin attaches pods to, with the host as gateway
/// (and cluster DNS server), and a route sending Service IPs to it so kube-proxy's rules reach pods from the host.
/// One per machine: the bridge's name and addresses are fixed.
/// </summary>
public sealed class NodeNetwork(StackPaths paths)
{
    public const string Bridge = "slipway0";
    public const string PodCidr = "10.244.0.0/24";
    /// <summary>The host's address on the bridge: pods' gateway and their DNS server.</summary>
    public const string Gateway = "10.244.0.1";
    public const string ServiceCidr = "10.0.0.0/24";
    public const string CniBinaries = "/usr/lib/cni";

    public AbsolutePath ConfigDirectory => paths.State / "cni" / "net.d";
    public AbsolutePath CacheDirectory => paths.State / "cni" / "cache";
    private AbsolutePath AddressDirectory => paths.State / "cni" / "addresses";

    public static bool BridgeExists => Directory.Exists($"/sys/class/net/{Bridge}");

    /// <summary>Creates the bridge with the gateway address, the Service route, and the CNI configuration.</summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(CniBinaries, "bridge")))
            throw new StackException($"The CNI plugins are missing ({CniBinaries}/bridge): run ./build.sh StackUp as " +
                                     "root so it installs Debian's containernetworking-plugins.");
        if (!BridgeExists)
        {
            await Ip(ct, "link", "add", Bridge, "type", "bridge");
            await Ip(ct, "addr", "add", $"{Gateway}/24", "dev", Bridge);
        }
        await Ip(ct, "link", "set", Bridge, "up");
        await Ip(ct, "route", "replace", ServiceCidr, "dev", Bridge, "src", Gateway);
        ConfigDirectory.CreateDirectory();
        CacheDirectory.CreateDirectory();
        var config = new
        {
            cniVersion = "0.4.0",
            name = "slipway",
            type = "bridge",
            bridge = Bridge,
            isGateway = true,
            ipMasq = false,
            hairpinMode = true,
            ipam = new
            {
                type = "host-local",
                subnet = PodCidr,
                gateway = Gateway,
                dataDir = AddressDirectory.ToString(),
                routes = new[] { new { dst = "0.0.0.0/0" } },
            },
        };
        (ConfigDirectory / "10-slipway.conf").WriteAllTextIfChanged(
            JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Deletes the pods' veths, the bridge (and with it its address and route) and the addresses handed out. A veth
    /// would otherwise go only when the kernel frees its pod's network namespace, some time after the node stopped.
    /// </summary>
    public async Task RemoveAsync(CancellationToken ct)
    {
        foreach (var port in PodPorts())
            await ProcessRunner.RunAsync("ip", ["link", "delete", port],
                new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true }, ct);
        if (BridgeExists) await Ip(ct, "link", "delete", Bridge);
        if (AddressDirectory.DirectoryExists) Directory.Delete(AddressDirectory, recursive: true);
        if (CacheDirectory.DirectoryExists) Directory.Delete(CacheDirectory, recursive: true);
    }

    /// <summary>The host ends of the pods' veths, plugged into the bridge.</summary>
    private static IEnumerable<string> PodPorts()
    {
        var ports = $"/sys/class/net/{Bridge}/brif";
        return Directory.Exists(ports) ? Directory.GetDirectories(ports).Select(Path.GetFileName).OfType<string>() : [];
    }

    private static Task Ip(CancellationToken ct, params string[] arguments) =>
        ProcessRunner.RunAsync("ip", arguments, new ProcessOptions { LogOutput = false, LogInvocation = false }, ct);
}
