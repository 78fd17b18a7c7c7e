using Slipway.Delivery.Stack;
using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>Targets that bring the local stack up, down, and report on it.</summary>
public interface IStack : IHazStack
{
    [Parameter("First of the loopback ports the local stack uses (registry, client registry, etcd ×2, API server, " +
               "controller-manager, …)")]
    int StackPortBase => TryGetValue<int?>(() => StackPortBase) ?? StackPorts.DefaultBase;

    StackServers LocalStack => new(new StackPaths(RootDirectory), new StackPorts(StackPortBase), BuildOutput.Current.Verbosity);

    /// <summary>Whether this run uses the local stack; a build answers false when it targets a remote cluster and registry.</summary>
    bool NeedsLocalStack => true;

    Target StackUp => _ => _
        .Description("Install, build and start the local stack (registries, Docker, Kubernetes control plane and node); " +
                     "writes .nuke/temp/stack/stack.env")
        .OnlyWhenDynamic(() => IsInvoked(nameof(StackUp)) || NeedsLocalStack,
            "this run needs no local stack (a registry and a cluster of its own were given)")
        .Executes(async ct =>
        {
            var environment = await LocalStack.UpAsync(ct);
            BuildOutput.Current.Masker.Add(environment.TargetRegistryPassword);
        });

    Target StackDown => _ => _
        .Description("Stop every process StackUp started (caches stay)")
        .Executes(() => LocalStack.DownAsync());

    Target StackStatus => _ => _
        .Description("Show each part of the local stack: endpoint, version, health")
        .Executes(async ct =>
        {
            if (!await LocalStack.StatusAsync(ct))
                throw new TargetFailedException("A part of the local stack is down: run ./build.sh StackUp.");
        });
}
