using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>This run's deploy context (environment, namespace, cluster), resolved once, and the options that shape it.</summary>
public interface IHazDeployContext : IHazReleases
{
    [Parameter("Deploy a non-local environment into the local stack's cluster instead of its own: --cluster local",
        Variables = ParameterVariables.PrefixedOnly)]
    string? Cluster => TryGetValue(() => Cluster);

    [Parameter("Confirm a change to an environment with a manual gate (prod) where no terminal can ask",
        Variables = ParameterVariables.PrefixedOnly)]
    bool Yes => TryGetValue<bool?>(() => Yes) ?? false;

    DeployContext DeployContext => RunValues.Get(nameof(DeployContext), () =>
    {
        var context = DeployContextResolver.Resolve(Environment, NamespaceOf(Environment), Cluster, EnvironmentVariables,
            LocalStackFiles.Kubeconfig, TemporaryDirectory);
        Log.Information($"Deploy context: {context.Describe()}");
        return context;
    });

    /// <summary>The check deploy targets run before anything starts: the context resolves, and a gated environment is confirmed.</summary>
    void CheckDeployContext()
    {
        var context = DeployContext;
        if (Plan?.PlanOnly != true) RunValues.Get("ManualGate", () => { ManualGate.Confirm(context, this, Yes); return true; });
    }
}
