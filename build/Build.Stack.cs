using Slipway.Delivery.Dotnet;
using Slipway.LocalStack;
using Slipway.Engine;

namespace Slipway.Build;

/// <summary>The local stack comes up before the targets that use it (<see cref="IStackWhenNeeded"/>).</summary>
partial class Build : IStackWhenNeeded
{
    /// <summary>
    /// The test categories that need the local stack (root on Debian 12) or the CI clients (Node.js).
    /// </summary>
    public const string StackTestFilter = "Category=LocalStack|Category=RealClients";

    /// <summary>The tests a standard CI runner can run: no local stack, no Node.js.</summary>
    public const string AnyRunnerTestFilter = "Category!=LocalStack&Category!=RealClients";

    /// <summary>
    /// CI runs these on a runner that can hold the stack; `Test` with the other filter runs the rest anywhere.
    /// </summary>
    Target StackTests => _ => _
        .Description("Run the tests that need the local stack or the CI clients (on a Debian 12 runner, as root)")
        .DependsOn<ICompile>(x => x.Compile)
        .DependsOn<IStack>(x => x.StackUp)
        .Executes(ct =>
            ((ITest)this).RunTestsAsync(ITest.Narrowed(((ITest)this).TestFilter, StackTestFilter), ct));

    bool IStackWhenNeeded.TestsNeedLocalStack => true;

    bool IStack.NeedsLocalStack => ((IStackWhenNeeded)this).RunUsesLocalStack || IsInvoked(nameof(StackTests));
}
