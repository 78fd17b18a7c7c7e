using Slipway.Delivery.Components;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Versioning;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>
/// Builds one component's image, only when its inputs changed: the inputs digest covers the build context (after
/// .dockerignore; for a .NET component, its sources instead of publish/), the Dockerfile, the build args and the
/// digests of the images it builds FROM. The registry keeps an
/// <c>inputs-&lt;digest&gt;</c> tag per image, so an unchanged component is found there and not rebuilt.
/// A Dockerfile.base (the slow system layer) is built the same way, on its own inputs, and passed as BASE_IMAGE.
/// </summary>
/// <param name="baseImages">makes the images the Dockerfiles build FROM under the base registry present (none: they
/// must be there)</param>
public sealed class ImageBuilder(IDockerEngine docker, RegistryClient registry, ImageRegistry target,
    string baseRegistry, SourceVersion version, BaseImageEnsurer? baseImages = null)
{
    public const string InputsTagPrefix = "inputs-";
    /// <summary>The label naming the tag an image was first built under.</summary>
    public const string BuiltTagLabel = "io.slipway.tag";

    public async Task<BuiltImage> BuildAsync(Component component, CancellationToken ct)
    {
        var dockerfile = component.ResolveDockerfile();
        var repository = target.RepositoryFor(component.Repository);
        var args = new Dictionary<string, string>(component.BuildArgs) { ["BASE_REGISTRY"] = baseRegistry };
        if (component.BaseDockerfile.FileExists)
            args["BASE_IMAGE"] = await EnsureBaseImageAsync(component, repository + "-base", dockerfile.Name, args, ct);

        var dockerfileText = await File.ReadAllTextAsync(dockerfile, ct);
        // a .NET component's inputs are its sources, not its publish output (see ProjectSources)
        var published = component.Project != null;
        var sources = BuildContext.Collect(component.Context, [dockerfile.Name, ".dockerignore"],
            exclude: published ? DotnetSources.IsBuildOutput : null);
        var inputList = await InputsAsync(dockerfile.Name, dockerfileText, args, ct);
        inputList.AddRange(ProjectSources.Inputs(component));
        var inputs = sources.Digest(inputList);
        var inputsTag = InputsTagPrefix + inputs["sha256:".Length..][..20];
        var image = new BuiltImage
        {
            Component = component.Name, Registry = target.Host, Repository = repository, Tags = version.ImageTags,
            InputsDigest = inputs, InputsTag = inputsTag, Rebuilt = false,
        };
        if (await registry.HeadManifestAsync(repository, inputsTag, ct) is { } existing)
        {
            var firstTag = await FirstBuiltTagAsync(repository, inputsTag, existing.Digest, ct);
            Log.Information($"{component.Name}: unchanged (inputs {inputs[..19]}…): reusing {target.Host}/{repository}:{firstTag ?? inputsTag}");
            return image with { DeployTag = firstTag };
        }

        if (published) await PublishAsync(component, ct);
        var context = published ? BuildContext.Collect(component.Context, [dockerfile.Name, ".dockerignore"]) : sources;
        Log.Information($"{component.Name}: building {target.Host}/{repository} ({context.Files.Count} files in context)");
        using var tar = await context.ToTarAsync(ct);
        await docker.BuildAsync(new DockerBuildRequest
        {
            Dockerfile = dockerfile.Name,
            Tags = [.. image.Tags.Append(inputsTag).Select(image.Reference)],
            BuildArgs = args,
            RegistryAuth = PullAuth,
            Labels = new Dictionary<string, string>
            {
                ["org.opencontainers.image.title"] = component.Name,
                ["org.opencontainers.image.revision"] = version.Sha,
                ["io.slipway.inputs-digest"] = inputs,
                [BuiltTagLabel] = image.Tags[0],
            },
        }, tar, line => Log.Debug($"{component.Name}: {line}"), ct);
        return image with { Rebuilt = true };
    }

    /// <summary>Builds and pushes the component's Dockerfile.base when no image with its inputs exists; returns its reference.</summary>
    private async Task<string> EnsureBaseImageAsync(Component component, string repository, string appDockerfile, Dictionary<string, string> args, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(component.BaseDockerfile, ct);
        var context = BuildContext.Collect(component.Context, [component.BaseDockerfile.Name, ".dockerignore"],
            exclude: path => path.StartsWith("publish/", StringComparison.Ordinal) || path == appDockerfile);
        var inputs = context.Digest(await InputsAsync(component.BaseDockerfile.Name, text, args, ct));
        var tag = InputsTagPrefix + inputs["sha256:".Length..][..20];
        var reference = $"{target.Host}/{repository}:{tag}";
        if (await registry.HeadManifestAsync(repository, tag, ct) != null)
        {
            Log.Information($"{component.Name}: base layer unchanged ({reference})");
            return reference;
        }
        Log.Information($"{component.Name}: building base layer {reference} (Dockerfile.base or its files changed)");
        using var tar = await context.ToTarAsync(ct);
        await docker.BuildAsync(new DockerBuildRequest
            {
                Dockerfile = component.BaseDockerfile.Name, Tags = [reference], BuildArgs = args,
                RegistryAuth = PullAuth,
            }, tar, line => Log.Debug($"{component.Name} base: {line}"), ct);
        await docker.PushAsync($"{target.Host}/{repository}", tag, registry.Credentials, line => Log.Debug($"{component.Name} base: {line}"), ct);
        return reference;
    }

    /// <summary>
    /// The registry's credentials for the engine's pulls of FROM images there (the component's base layer, base
    /// images under the same registry): a CI job's fresh engine has none of them locally.
    /// </summary>
    private IReadOnlyDictionary<string, RegistryCredentials> PullAuth => registry.Credentials is { } credentials
        ? new Dictionary<string, RegistryCredentials> { [registry.Registry] = credentials }
        : new Dictionary<string, RegistryCredentials>();

    /// <summary>The tag the existing image was first built under, when that tag still names the same digest.</summary>
    private async Task<string?> FirstBuiltTagAsync(string repository, string inputsTag, string digest, CancellationToken ct)
    {
        var manifest = await registry.GetManifestAsync(repository, inputsTag, ct);
        if (manifest == null || manifest.IsIndex || manifest.Blobs.Count == 0) return null;
        var config = System.Text.Json.Nodes.JsonNode.Parse(await registry.ReadBlobAsync(repository, manifest.Blobs[0].Digest, ct));
        var tag = config?["config"]?["Labels"]?[BuiltTagLabel]?.GetValue<string>();
        if (tag == null) return null;
        return (await registry.HeadManifestAsync(repository, tag, ct))?.Digest == digest ? tag : null;
    }

    private async Task<List<string>> InputsAsync(string dockerfileName, string dockerfileText, IReadOnlyDictionary<string, string> args, CancellationToken ct)
    {
        var inputs = new List<string> { "dockerfile:" + dockerfileName, dockerfileText };
        inputs.AddRange(args.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"arg:{a.Key}={a.Value}"));
        var froms = DockerfileBaseImages.Find(dockerfileText, args);
        if (baseImages != null) await baseImages.EnsureAsync(froms, ct); // their digests are inputs: present first
        foreach (var from in froms)
        {
            if (!ImageReference.TryParse(from, out var reference, out _)) continue;
            using var client = reference!.Registry == registry.Registry ? null : new RegistryClient(reference.Registry);
            var manifest = await (client ?? registry).HeadManifestAsync(reference.Repository, reference.Reference, ct);
            inputs.Add($"from:{from}@{manifest?.Digest ?? "unresolved"}");
        }
        return inputs;
    }

    private static async Task PublishAsync(Component component, CancellationToken ct)
    {
        if (component.PublishDirectory.DirectoryExists) Directory.Delete(component.PublishDirectory, recursive: true);
        await ProcessRunner.RunAsync("dotnet",
            ["publish", component.Project!, "--configuration", "Release", "--output", component.PublishDirectory, "--nologo",
             "-p:ContinuousIntegrationBuild=true", "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
             // the commit sha must not reach the binaries: an unrelated commit would change every image's inputs
             "-p:IncludeSourceRevisionInInformationalVersion=false", "-p:EnableSourceControlManagerQueries=false"],
            new ProcessOptions { LogOutput = false, LogInvocation = false }, ct);
    }
}
