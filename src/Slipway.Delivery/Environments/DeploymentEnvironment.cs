namespace Slipway.Delivery.Environments;

/// <summary>
/// Where a build deploys: the branches and tags that map to it, its namespace, how to reach its cluster, its layered
/// values files, an optional target registry images are relocated into, and the protections it demands.
/// </summary>
public sealed record DeploymentEnvironment(string Name)
{
    /// <summary>Branch names (or globs such as <c>feature/*</c>) whose pipelines deploy here.</summary>
    public IReadOnlyList<string> Branches { get; init; } = [];
    /// <summary>Tag globs such as <c>prod.v*</c>.</summary>
    public IReadOnlyList<string> TagPatterns { get; init; } = [];
    public string? Namespace { get; init; }
    /// <summary>A kube context of the kubeconfig; null uses its current context.</summary>
    public string? KubeContext { get; init; }
    /// <summary>
    /// Name of the variable holding this environment's kubeconfig (a file path, a path list, or the content itself as CI
    /// File variables give it). Deploys go to that cluster only: when it is unset, they refuse to start.
    /// </summary>
    public string? KubeconfigVariable { get; init; }
    /// <summary>Deploys go to the local stack's cluster (brought up by StackUp), e.g. the <c>local</c> environment.</summary>
    public bool UsesLocalStack { get; init; }
    /// <summary>Environment values files, layered after deploy/values/common.yaml, e.g. deploy/values/recette.yaml.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];
    /// <summary>
    /// A client registry (host[:port][/prefix]) every image is copied into before deploy. May name variables:
    /// <c>${TARGET_REPO}</c> (see <see cref="VariableExpander"/>).
    /// </summary>
    public string? TargetRegistry { get; init; }
    /// <summary>The target registry's user and password, usually as variable references.</summary>
    public string? TargetRegistryUsername { get; init; }
    public string? TargetRegistryPassword { get; init; }
    public EnvironmentProtections Protections { get; init; } = new();
    /// <summary>The image pull Secret the deploy creates from the registry's credentials (the name the values refer to).</summary>
    public string? PullSecret { get; init; }
    /// <summary>Secrets generated on first use instead of read from a secret store (throw-away environments).</summary>
    public bool GenerateMissingSecrets { get; init; }
    /// <summary>A per-branch preview: its namespace is derived from the branch name.</summary>
    public bool IsPreview { get; init; }
    public string? Url { get; init; }
    /// <summary>The branch deploys (and BumpValues commits) go to; defaults to the first branch.</summary>
    public string? DeployBranch { get; init; }
    /// <summary>
    /// An OCI repository of charts PublishCharts pushed (<c>oci://host[:port]/path</c>, may name variables): the
    /// releases are deployed from there, at <see cref="ChartVersion"/>, instead of from the chart folders.
    /// </summary>
    public string? PublishedCharts { get; init; }
    /// <summary>The published version deployed (default: --chart-version, else the release tag at HEAD).</summary>
    public string? ChartVersion { get; init; }

    public override string ToString() => Name;
}

/// <summary>What an environment refuses: a dirty tree, a HEAD without a release tag, mutable (tag-only) images; and whether a person must approve.</summary>
public sealed record EnvironmentProtections
{
    public bool RequireCleanTree { get; init; }
    /// <summary>A glob the HEAD commit must carry a tag of, e.g. <c>prod.v*</c>.</summary>
    public string? RequireReleaseTag { get; init; }
    /// <summary>Images are deployed by digest, never by tag alone.</summary>
    public bool ImmutableImages { get; init; }
    public bool ManualGate { get; init; }
}
