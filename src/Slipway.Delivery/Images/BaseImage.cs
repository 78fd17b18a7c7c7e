using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>
/// An image Dockerfiles build FROM under the base registry
/// (<c>${BASE_REGISTRY}/&lt;repository&gt;:&lt;tag&gt;</c>), with the Dockerfile that makes it: DockerBuild builds
/// and pushes it when the base registry lacks it.
/// </summary>
/// <param name="Repository">its repository under the base registry, e.g. <c>slipway-base/dotnet-runtime</c></param>
/// <param name="Context">the directory holding its Dockerfile (the build context)</param>
public sealed record BaseImage(string Repository, string Tag, AbsolutePath Context)
{
    public string Dockerfile { get; init; } = "Dockerfile";
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
}
