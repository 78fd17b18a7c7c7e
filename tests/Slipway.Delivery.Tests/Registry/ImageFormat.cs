namespace Slipway.Delivery.Tests.Registry;

/// <summary>The media types of one manifest family: Docker v2 schema 2 (with manifest lists) or OCI (with indexes).</summary>
internal sealed record ImageFormat(string Name, string Manifest, string Index, string Config, string Layer)
{
    public static readonly ImageFormat Docker = new("docker",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.container.image.v1+json",
        "application/vnd.docker.image.rootfs.diff.tar.gzip");

    public static readonly ImageFormat Oci = new("oci",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.config.v1+json",
        "application/vnd.oci.image.layer.v1.tar+gzip");

    public static ImageFormat Named(string name) => name == Docker.Name ? Docker : Oci;

    public override string ToString() => Name;
}
