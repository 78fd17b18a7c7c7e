using Slipway.Engine;

namespace Slipway.Delivery.Stack;

/// <summary>Gives components the local stack: its parts, and the endpoints of a running one.</summary>
public interface IHazStack : ISlipwayBuild
{
    [Parameter("First of the six loopback ports the local stack uses (registry, client registry, etcd ×2, API server, controller-manager)")]
    int StackPortBase => TryGetValue<int?>(() => StackPortBase) ?? StackPorts.DefaultBase;

    LocalStack LocalStack => new(new StackPaths(RootDirectory), new StackPorts(StackPortBase), BuildOutput.Current.Verbosity);

    /// <summary>The running stack's endpoints; fails clearly when StackUp has not run.</summary>
    StackEnvironment StackEnvironment => LocalStack.Environment
        ?? throw new StackException("The local stack is not up: run ./build.sh StackUp first.");
}
