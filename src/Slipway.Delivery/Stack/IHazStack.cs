using Slipway.Engine;

namespace Slipway.Delivery.Stack;

/// <summary>Gives components the endpoints of a running local stack (the build wires the stack itself).</summary>
public interface IHazStack : ISlipwayBuild
{
    LocalStackFiles LocalStackFiles => new(RootDirectory);

    /// <summary>The running stack's endpoints, or null when StackUp has not run.</summary>
    StackEnvironment? LocalStackEnvironment => StackEnvironment.Read(LocalStackFiles.EnvironmentFile);

    /// <summary>The running stack's endpoints; fails clearly when StackUp has not run.</summary>
    StackEnvironment StackEnvironment => LocalStackEnvironment
        ?? throw new TargetFailedException("The local stack is not up: run ./build.sh StackUp first.");
}
