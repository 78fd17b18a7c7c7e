using Slipway.Delivery.Components;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

public interface IDeployApps : IDeployBase
{
    Target DeployApps => _ => _
        .Description("Deploy the apps (their bootstrap hook Job first), wait until ready; report in artifacts/deploy-<env>.md")
        .DependsOn<IDeployBase>(x => x.DeployBase)
        .Validates(CheckDeployInputs)
        .Executes(async ct => await DeployReleasesAsync(r => r.Components == ComponentKind.App, ct));
}
