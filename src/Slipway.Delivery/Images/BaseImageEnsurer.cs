using System.Collections.Concurrent;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>
/// Makes the images a build starts FROM exist in the base registry: a declared <see cref="BaseImage"/> the registry
/// lacks is built from its Dockerfile and pushed, once per run however many components need it. A missing image
/// under the base registry that nothing declares fails with what to do, before the image that needs it is built.
/// </summary>
public sealed class BaseImageEnsurer(IDockerEngine docker, RegistryClient registry, ImageRegistry baseRegistry,
    IReadOnlyList<BaseImage> declared)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensured = new();

    /// <summary>The images (FROM lines, build args substituted) under the base registry, made present.</summary>
    public Task EnsureAsync(IEnumerable<string> images, CancellationToken ct) =>
        Task.WhenAll(images.Where(baseRegistry.Holds).Distinct().Select(image =>
            _ensured.GetOrAdd(image, _ => new Lazy<Task>(() => EnsureOneAsync(image, ct))).Value));

    private async Task EnsureOneAsync(string image, CancellationToken ct)
    {
        var reference = ImageReference.Parse(image);
        if (await registry.HeadManifestAsync(reference.Repository, reference.Reference, ct) != null) return;
        var declaration = declared.FirstOrDefault(b => b.Tag == reference.Tag &&
                                                       baseRegistry.RepositoryFor(b.Repository) == reference.Repository)
                          ?? throw new TargetFailedException(
                              $"{image} is not in the base registry, and no base image declares it: push it there, " +
                              "give --base-registry a registry that has it, or declare it in the build's BaseImages.");
        var dockerfile = Path.GetRelativePath(System.Environment.CurrentDirectory,
            declaration.Context / declaration.Dockerfile);
        Log.Information($"{image}: not in the base registry yet: building it from {dockerfile}");
        using (var tar = await BuildContext.Collect(declaration.Context, [declaration.Dockerfile, ".dockerignore"])
                   .ToTarAsync(ct))
            await docker.BuildAsync(new DockerBuildRequest
            {
                Dockerfile = declaration.Dockerfile,
                Tags = [image],
                BuildArgs = declaration.BuildArgs,
                Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = declaration.Repository },
            }, tar, line => Log.Debug($"{declaration.Repository}: {line}"), ct);
        await docker.PushAsync($"{reference.Registry}/{reference.Repository}", reference.Tag!, registry.Credentials,
            line => Log.Debug($"{declaration.Repository}: {line}"), ct);
        Log.Information($"pushed {image}");
    }
}
