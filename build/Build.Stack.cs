using Slipway.Delivery.Deploy;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Delivery.Stack;
using Slipway.LocalStack;
using Slipway.Engine;

namespace Slipway.Build;

partial class Build
{
    /// <summary>
    /// The local stack comes up before the targets that use it: the integration tests always, and image and deploy
    /// targets when they run against the local environment or no registry was given. Rendering (LintCharts,
    /// RenderManifests, ListImages) needs no stack: helm is a tool, and a render without a registry names a
    /// placeholder.
    /// </summary>
    Target LocalStackWhenNeeded => _ => _
        .Unlisted()
        .DependsOn<IStack>(x => x.StackUp)
        .DependentFor<ITest>(x => x.Test)
        .DependentFor<IDockerBuild>(x => x.DockerBuild)
        .DependentFor<IRetag>(x => x.Retag)
        .DependentFor<IDeployBase>(x => x.DeployBase)
        .DependentFor<IPreviews>(x => x.DestroyPreview, x => x.ListPreviews);

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

    bool IStack.NeedsLocalStack =>
        IsInvoked(nameof(ITest.Test)) || IsInvoked(nameof(StackTests)) || ((IHazImageRegistry)this).Registry == null
        || ((IHazDeployContext)this).Cluster != null || UsesLocalStackEnvironment;

    /// <summary>--env names an environment that deploys to the local stack (an unknown name is refused elsewhere).</summary>
    bool UsesLocalStackEnvironment => ((IHazEnvironments)this).Env is { } name
        && Environments.Any(e => e.UsesLocalStack && e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
