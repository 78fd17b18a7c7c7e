using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Stack;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>The registry images are built for and pushed to: <c>--registry</c>, else the local stack's.</summary>
public interface IHazImageRegistry : IHazStack
{
    [Parameter("Registry images are pushed to, host[:port][/prefix] (default: the local stack's registry)")]
    string? Registry => TryGetValue(() => Registry);

    [Parameter("User for --registry")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    [Parameter("Password or token for --registry"), Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    [Parameter("Registry holding the base images the Dockerfiles build FROM, host[:port][/prefix] (default: the " +
               "image registry, prefix included)")]
    string? BaseRegistry => TryGetValue(() => BaseRegistry);

    ImageRegistry ImageRegistry => ImageRegistry.Parse(Registry ?? StackEnvironment.Registry);

    /// <summary>What chose <see cref="ImageRegistry"/>, for failures that name it.</summary>
    string ImageRegistryOrigin => Parameters.SourceOf(nameof(Registry)) is { } source
        ? $"--registry, from {source}"
        : "the local stack's stack.env (./build.sh StackUp; --registry names another)";

    RegistryCredentials? ImageRegistryCredentials =>
        RegistryUsername != null && RegistryPassword != null ? new RegistryCredentials(RegistryUsername, RegistryPassword) : null;

    /// <summary>
    /// The engine images are built with: with --registry, the one the docker CLI would use when DOCKER_HOST or
    /// DOCKER_CONTEXT is set (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH); otherwise the local stack's.
    /// </summary>
    DockerEndpoint DockerEndpoint => Registry != null && DockerEndpoint.IsConfigured(EnvironmentVariables)
        ? DockerEndpoint.FromEnvironment(EnvironmentVariables)
        : StackEnvironment.DockerEndpoint;

    AbsolutePath ImagesFile => ArtifactsDirectory / "images.json";
    /// <summary>One record per image (artifacts/images/&lt;component&gt;.json), which CI jobs pass on.</summary>
    AbsolutePath ImageRecordsDirectory => ArtifactsDirectory / "images";

    /// <summary>Every image record of the run (images.json, artifacts/images/); null if PushImage never ran.</summary>
    IReadOnlyList<BuiltImage>? RecordedImages => ImagesManifest.ReadAll(ImagesFile, ImageRecordsDirectory);
    /// <summary>What DockerBuild decided, for PushImage (which may run in another CI job).</summary>
    AbsolutePath BuildPlanFile => ArtifactsDirectory / "image-builds.json";
}
