using Slipway.Delivery.Deploy;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>
/// Brings the local stack up before the targets that use it: the tests always, and image and deploy targets when
/// they run against an environment on the local stack or no registry was given. Rendering (LintCharts,
/// RenderManifests, ListImages) needs no stack: helm is a tool, and a render without a registry names a placeholder.
/// </summary>
public interface IStackWhenNeeded : IStack, ITest, IDockerBuild, IRetag, IDeployBase, IPreviews
{
    Target LocalStackWhenNeeded => _ => _
        .Unlisted()
        .DependsOn<IStack>(x => x.StackUp)
        .DependentFor<ITest>(x => x.Test)
        .DependentFor<IDockerBuild>(x => x.DockerBuild)
        .DependentFor<IRetag>(x => x.Retag)
        .DependentFor<IDeployBase>(x => x.DeployBase)
        .DependentFor<IPreviews>(x => x.DestroyPreview, x => x.ListPreviews);

    /// <summary>Whether the tests need the local stack (this repository's integration tests talk to it).</summary>
    bool TestsNeedLocalStack => false;

    /// <summary>
    /// Tests that need it; or an image or deploy target in the plan, without --registry, with --cluster, or with --env
    /// naming a local stack environment.
    /// </summary>
    bool RunUsesLocalStack =>
        (TestsNeedLocalStack && IsInvoked(nameof(ITest.Test)))
        || (Plan?.Targets.Any(t => StackTargets.Contains(t.Name)) == true
            && (((IHazImageRegistry)this).Registry == null || ((IHazDeployContext)this).Cluster != null
                || UsesLocalStackEnvironment));

    /// <summary>The targets besides the tests that bring the stack up (<see cref="LocalStackWhenNeeded"/>).</summary>
    private static readonly string[] StackTargets =
    [
        nameof(IDockerBuild.DockerBuild), nameof(IRetag.Retag), nameof(IDeployBase.DeployBase),
        nameof(IPreviews.DestroyPreview), nameof(IPreviews.ListPreviews),
    ];

    bool IStack.NeedsLocalStack => RunUsesLocalStack;

    /// <summary>--env names an environment on the local stack (an unknown name is refused elsewhere).</summary>
    bool UsesLocalStackEnvironment => ((IHazEnvironments)this).Env is { } name
        && Environments.Any(e => e.UsesLocalStack && e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
