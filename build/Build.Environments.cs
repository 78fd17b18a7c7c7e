using Slipway.Delivery.Environments;

namespace Slipway.Build;

partial class Build
{
    /// <summary>Where this repository deploys. Values layer: deploy/values/common.yaml → the files listed here → per-component tags.</summary>
    public IReadOnlyList<DeploymentEnvironment> Environments =>
    [
        new("local")
        {
            Namespace = "slipway-local",
            UsesLocalStack = true,
            ValuesFiles = ["deploy/values/local.yaml"],
            GenerateMissingSecrets = true,
        },
        new("dev")
        {
            Branches = ["master", "main"],
            Namespace = "slipway-dev",
            KubeconfigVariable = "KUBECONFIG_DEV",
            ValuesFiles = ["deploy/values/dev.yaml"],
            PullSecret = "registry-pull",
            Protections = new() { RequireCleanTree = true },
        },
        new("recette")
        {
            Branches = ["recette"],
            Namespace = "slipway-recette",
            KubeconfigVariable = "KUBECONFIG_RECETTE",
            ValuesFiles = ["deploy/values/recette.yaml"],
            PullSecret = "registry-pull",
            Protections = new() { RequireCleanTree = true },
        },
        new("prod")
        {
            TagPatterns = ["prod.v*"],
            Namespace = "slipway-prod",
            KubeconfigVariable = "KUBECONFIG_PROD",
            ValuesFiles = ["deploy/values/prod.yaml"],
            PullSecret = "client-registry-pull",
            // The client's registry comes from CI variables; on a laptop, the local stack's authenticated registry stands in.
            TargetRegistry = "${TARGET_REPO:-${SLIPWAY_TARGET_REGISTRY}}",
            TargetRegistryUsername = "${TARGET_REPO_USER:-${SLIPWAY_TARGET_REGISTRY_USERNAME}}",
            TargetRegistryPassword = "${TARGET_REPO_PASSWORD:-${SLIPWAY_TARGET_REGISTRY_PASSWORD}}",
            DeployBranch = "main",
            Protections = new() { RequireCleanTree = true, RequireReleaseTag = "prod.v*", ImmutableImages = true, ManualGate = true },
        },
        new("preview")
        {
            Branches = ["feature/*", "bug/*", "epic/*"],
            IsPreview = true,
            KubeconfigVariable = "KUBECONFIG_DEV",
            ValuesFiles = ["deploy/values/dev.yaml"],
            Protections = new() { RequireCleanTree = true },
        },
    ];
}
