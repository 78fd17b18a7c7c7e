using Slipway.Delivery.Components;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

public interface IDeployBase : IHazDeploy, IPushImage
{
    Target DeployBase => _ => _
        .Description("Deploy the base products (broker, database) and wait until they are ready")
        .DependsOn<IPushImage>(x => x.PushImage)
        .DependsOn<IRetag>(x => x.Retag)
        .Validates(CheckDeployInputs)
        .OnlyWhenDynamic(() => Releases.Any(r => r.Components == ComponentKind.BaseProduct),
            "the build declares no release of base products")
        .Executes(async ct => await DeployReleasesAsync(r => r.Components == ComponentKind.BaseProduct, ct));
}
