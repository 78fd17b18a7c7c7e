using Slipway.Delivery.Environments;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// An environment with a manual gate (prod) is changed only with a person's consent: in CI the pipeline's manual job is
/// that consent; on a terminal the environment's name must be typed; elsewhere <c>--yes</c> must be passed.
/// </summary>
public static class ManualGate
{
    public static void Confirm(DeployContext context, ISlipwayBuild build, bool yes)
    {
        var environment = context.Environment;
        if (!environment.Protections.ManualGate || build.IsServerBuild || yes) return;
        var answer = build.Ask($"This changes '{environment.Name}' ({context.Describe()}).\n" +
                               $"Type the environment's name to continue:");
        if (answer == null)
            throw new UsageException($"Environment '{environment.Name}' has a manual gate and no terminal can confirm it: " +
                                     "run from a terminal to type its name, or pass --yes.");
        if (!answer.Trim().Equals(environment.Name, StringComparison.Ordinal))
            throw new UsageException($"Not confirmed ('{answer.Trim()}' is not '{environment.Name}'): nothing was changed.");
    }
}
