using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Stack;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Slipway.LocalStack;
using Xunit;

namespace Slipway.Delivery.Tests.LocalStack;

/// <summary>
/// StackDown leaves the machine as StackUp found it, even with pods running: no process, mount, link (bridge,
/// veths), iptables rule or kernel setting of the node stays; the last stop is a run of ./build.sh StackDown. It
/// stops and starts the shared stack, so it runs alone, after every other test (the Test target's RunsAlone
/// category), and leaves the stack up as it found it.
/// </summary>
[Trait("Category", "RunsAlone")]
[Trait("Category", "LocalStack")]
public sealed class StackLifecycleTests
{
    private static readonly AbsolutePath Root = AbsolutePath.From(RepositoryRoot.Path);

    [Fact]
    public async Task StackDown_removes_everything_the_node_added_and_restores_kernel_settings()
    {
        var running = StackEnvironment.Read(new LocalStackFiles(Root).EnvironmentFile)
            ?? throw new InvalidOperationException("The local stack is not up: run the tests with ./build.sh Test.");
        var paths = new StackPaths(Root);
        var stack = new StackServers(paths, new StackPorts(int.Parse(running.Registry.Split(':')[1])), Verbosity.Normal);

        await stack.DownAsync();
        var panic = File.ReadAllText("/proc/sys/kernel/panic").Trim();
        try
        {
            var before = await SettledAsync(paths.State);
            before.Links.Should().NotContain("slipway0");
            before.IptablesRules.Should().NotContain(r => r.Contains("KUBE-"));
            before.Processes.Should().BeEmpty();
            var usersPanic = panic == "7" ? "8" : "7";
            File.WriteAllText("/proc/sys/kernel/panic", usersPanic);
            var asTheUserLeftIt = before with
            {
                Kernel = new Dictionary<string, string>(before.Kernel) { ["kernel/panic"] = usersPanic },
            };

            var environment = await stack.UpAsync(CancellationToken.None);
            using (var kubernetes = new KubernetesClient(KubeConfig.FromFiles([environment.Kubeconfig])))
            {
                await RunPodBehindServiceAsync(kubernetes, $"{environment.Registry}/slipway-base/debian:bookworm");
                // kube-proxy writes the Service's rules once the endpoints controller has seen the pod ready
                var traces = await Eventually(async () => (await MachineFootprint.ReadAsync(paths.State))
                    .DifferencesFrom(asTheUserLeftIt), t => t.Any(d => d.Contains("KUBE-SVC-")));
                traces.Should().Contain(d => d.Contains("link added: slipway0"))
                    .And.Contain(d => d.Contains("link added: veth"), "a running pod is plugged into the bridge")
                    .And.Contain(d => d.StartsWith("iptables rule added") && d.Contains("KUBE-SVC-"))
                    .And.Contain(d => d.StartsWith("mount added") && d.Contains(paths.NodeRoot))
                    .And.Contain(d => d.StartsWith("process added") && d.Contains("kubelet"))
                    .And.Contain(d => d.StartsWith("kernel setting kernel/panic"), "the kubelet sets kernel.panic=10");
            }

            // The second stop is the user's: ./build.sh StackDown, as the README gives it.
            var down = await BuildCommand.RunAsync("StackDown");
            down.ExitCode.Should().Be(0, down.StandardOutput + down.StandardError);

            var after = await MachineFootprint.ReadAsync(paths.State);
            after.DifferencesFrom(asTheUserLeftIt).Should().BeEmpty("StackDown leaves the machine as StackUp found it");
            after.Kernel["kernel/panic"].Should().Be(usersPanic, "the value the machine had before StackUp is restored");
        }
        finally
        {
            File.WriteAllText("/proc/sys/kernel/panic", panic);
            await stack.UpAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The footprint once the kernel is done removing what the stop let go: a pod's veth goes with its network
    /// namespace, a moment after the node stopped, and would otherwise count as something the user had.
    /// </summary>
    private static async Task<MachineFootprint> SettledAsync(AbsolutePath state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var footprint = await MachineFootprint.ReadAsync(state);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var again = await MachineFootprint.ReadAsync(state);
            if (again.Links.SequenceEqual(footprint.Links)) return again;
            footprint = again;
        }
        return footprint;
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            value = await read();
        }
        return value;
    }

    /// <summary>A Deployment with a Secret volume (a tmpfs mount) behind a Service (iptables rules), Ready.</summary>
    private static async Task RunPodBehindServiceAsync(KubernetesClient kubernetes, string image)
    {
        const string ns = "test-lifecycle";
        await kubernetes.DeleteAsync(KubernetesResources.Namespace(ns));
        await KubernetesWait.UntilGoneAsync(kubernetes, KubernetesResources.Namespace(ns), TimeSpan.FromSeconds(60));
        await kubernetes.CreateAsync(KubernetesResources.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        await kubernetes.CreateAsync(KubernetesResources.Secrets(ns), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "settings" },
            ["stringData"] = new JsonObject { ["mode"] = "test" },
        });
        await kubernetes.CreateAsync(KubernetesResources.Services(ns), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "sleeper" },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["app"] = "sleeper" },
                ["ports"] = new JsonArray(new JsonObject { ["port"] = 80, ["protocol"] = "TCP" }),
            },
        });
        await kubernetes.CreateAsync(KubernetesResources.Deployments(ns), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "sleeper" },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "sleeper" } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "sleeper" } },
                    ["spec"] = new JsonObject
                    {
                        ["terminationGracePeriodSeconds"] = 1,
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "sleeper", ["image"] = image, ["command"] = new JsonArray("sleep", "infinity"),
                            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "settings", ["mountPath"] = "/etc/settings" }),
                        }),
                        ["volumes"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "settings", ["secret"] = new JsonObject { ["secretName"] = "settings" },
                        }),
                    },
                },
            },
        });
        await KubernetesWait.UntilAsync(kubernetes, KubernetesResources.Deployment(ns, "sleeper"),
            d => d["status"]?["readyReplicas"]?.GetValue<int>() == 1, TimeSpan.FromSeconds(90));
    }
}
