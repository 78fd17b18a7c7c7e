using Slipway.Delivery.GitOps;

namespace Slipway.Build;

/// <summary>
/// BumpValues writes new tags into deploy/values/components/&lt;component&gt;.yaml of this repository (through its origin,
/// with [skip ci] so the push does not start this pipeline again), or into a GitOps repository given by --deploy-repo.
/// </summary>
partial class Build : IBumpValues
{
}
