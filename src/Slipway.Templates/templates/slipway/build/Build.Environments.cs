using Slipway.Delivery.Environments;

/// <summary>
/// Where this repository deploys. Values: deploy/values/common.yaml → the environment's files → per-component tags
/// (deploy/values/components/). Uncomment an environment when its cluster is there: its kubeconfig comes from the CI
/// variable named (a file path or the kubeconfig itself), its images go to --registry (CI variable REGISTRY).
/// </summary>
partial class Build
{
    public IReadOnlyList<DeploymentEnvironment> Environments =>
    [
        new("local")
        {
            Namespace = "SLIPWAY_ENTITY_NAMESPACE-local",
            UsesLocalStack = true,
            ValuesFiles = ["deploy/values/local.yaml"],
            GenerateMissingSecrets = true,
        },
        // new("dev")
        // {
        //     Branches = ["main"],
        //     Namespace = "SLIPWAY_ENTITY_NAMESPACE-dev",
        //     KubeconfigVariable = "KUBECONFIG_DEV",
        //     ValuesFiles = ["deploy/values/dev.yaml"],
        //     PullSecret = "registry-pull",
        //     Protections = new() { RequireCleanTree = true },
        // },
        // new("recette")
        // {
        //     Branches = ["recette"],
        //     Namespace = "SLIPWAY_ENTITY_NAMESPACE-recette",
        //     KubeconfigVariable = "KUBECONFIG_RECETTE",
        //     ValuesFiles = ["deploy/values/recette.yaml"],
        //     PullSecret = "registry-pull",
        //     Protections = new() { RequireCleanTree = true },
        // },
        // new("prod")
        // {
        //     TagPatterns = ["prod.v*"],
        //     Namespace = "SLIPWAY_ENTITY_NAMESPACE-prod",
        //     KubeconfigVariable = "KUBECONFIG_PROD",
        //     ValuesFiles = ["deploy/values/prod.yaml"],
        //     PullSecret = "registry-pull",
        //     Protections = new() { RequireCleanTree = true, RequireReleaseTag = "prod.v*", ImmutableImages = true,
        //         ManualGate = true },
        // },
    ];
}
