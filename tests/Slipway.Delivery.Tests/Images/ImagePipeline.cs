using Slipway.Delivery.Components;
using Slipway.Delivery.Images;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Slipway.Delivery.Versioning;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// DockerBuild and PushImage as the targets run them, against the stack's registry under a prefix of its own
/// (<c>tests/&lt;guid&gt;</c>), so every test starts from an empty registry. Removes its images from the engine when disposed.
/// </summary>
internal sealed class ImagePipeline(LocalStackFixture stack) : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(5));
    private readonly HashSet<string> _repositories = [];
    private readonly HashSet<string> _localImages = [];

    private BaseImageEnsurer? _baseImages;

    public ImageRegistry Target { get; } = new(stack.Environment.Registry, "tests/" + Guid.NewGuid().ToString("N")[..12]);
    public RegistryClient Registry { get; } = new(stack.Environment.Registry);

    /// <summary>What Dockerfiles get as ${BASE_REGISTRY}: the stack's registry (it fills it), or another.</summary>
    public ImageRegistry BaseRegistry { get; init; } = new(stack.Environment.Registry, null);

    /// <summary>The base images DockerBuild makes when the base registry lacks them (one maker per pipeline).</summary>
    public IReadOnlyList<BaseImage> BaseImages { get; init; } = [];
    public CancellationToken Token => _timeout.Token;

    public string RepositoryOf(Component component) => Target.RepositoryFor(component.Repository);

    /// <summary>The repository a component's Dockerfile.base image goes to.</summary>
    public string BaseRepositoryOf(Component component) => RepositoryOf(component) + "-base";

    public async Task<BuiltImage> BuildAsync(Component component, SourceVersion version)
    {
        _repositories.Add(RepositoryOf(component));
        _repositories.Add(BaseRepositoryOf(component));
        _baseImages ??= new BaseImageEnsurer(stack.Docker, Registry, BaseRegistry, BaseImages);
        var builder = new ImageBuilder(stack.Docker, Registry, Target, BaseRegistry.ToString(), version, _baseImages);
        var image = await builder.BuildAsync(component, Token);
        _localImages.UnionWith(image.Tags.Append(image.InputsTag).Select(image.Reference));
        return image;
    }

    public Task<BuiltImage> PushAsync(BuiltImage image) => new ImagePusher(stack.Docker, Registry).PushAsync(image, Token);

    /// <summary>DockerBuild then PushImage for one component.</summary>
    public async Task<BuiltImage> ReleaseAsync(Component component, SourceVersion version) => await PushAsync(await BuildAsync(component, version));

    public async Task<string?> DigestOfAsync(string repository, string tag) => (await Registry.HeadManifestAsync(repository, tag, Token))?.Digest;

    public Task<IReadOnlyList<string>> TagsAsync(string repository) => Registry.ListTagsAsync(repository, Token);

    public async ValueTask DisposeAsync()
    {
        foreach (var repository in _repositories)
        foreach (var tag in await Registry.ListTagsAsync(repository))
            _localImages.Add($"{Target.Host}/{repository}:{tag}");
        foreach (var image in _localImages) await stack.Docker.RemoveImageAsync(image);
        Registry.Dispose();
        _timeout.Dispose();
    }
}
