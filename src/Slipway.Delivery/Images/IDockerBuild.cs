using Slipway.Delivery.Components;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Locks;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Versioning;
using Slipway.Engine;
using Spectre.Console;

namespace Slipway.Delivery.Images;

public interface IDockerBuild : ICompile, IHazComponents, IHazImageRegistry, IHazEnvironments, IHazRunLocks
{
    [Parameter("How many images build at once")]
    int BuildParallelism => TryGetValue<int?>(() => BuildParallelism) ?? 2;

    /// <summary>The images the Dockerfiles build FROM under the base registry, made there when it lacks them.</summary>
    IReadOnlyList<BaseImage> BaseImages => [];

    Target DockerBuild => _ => _
        .Description("Build one image per component, skipping components whose inputs did not change")
        // publishing compiles what each image needs (in Release): the solution's Debug build is not waited for
        .After<ICompile>(x => x.Compile)
        .Validates(() => { if (Env != null) CheckEnvironment(); })
        .Executes(async ct =>
        {
            await HoldOutputsAsync(ct);
            var version = await SourceVersion.ReadAsync(RootDirectory, ct);
            if (version.IsDirty && !IsLocalEnvironment())
                throw new TargetFailedException("The working tree has uncommitted changes: images for a shared environment must come from a commit " +
                                                "(their tag is the commit sha). Commit or stash them, or build with --env local.");
            using var docker = DockerEngine.Connect(DockerEndpoint);
            using var registry = new RegistryClient(ImageRegistry.Host, ImageRegistryCredentials)
            {
                Origin = ImageRegistryOrigin,
            };
            var baseRegistry = ImageRegistry.Parse(BaseRegistry ?? ImageRegistry.ToString());
            using var baseClient = new RegistryClient(baseRegistry.Host,
                baseRegistry.Host == ImageRegistry.Host ? ImageRegistryCredentials : null)
            {
                Origin = BaseRegistry != null ? $"--base-registry, from {Parameters.SourceOf(nameof(BaseRegistry))}"
                    : ImageRegistryOrigin,
            };
            var baseImages = new BaseImageEnsurer(docker, baseClient, baseRegistry, BaseImages);
            var builder = new ImageBuilder(docker, registry, ImageRegistry, baseRegistry.ToString(), version,
                baseImages);
            using var gate = new SemaphoreSlim(Math.Max(1, BuildParallelism));
            using var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(ct); // stops the other builds
            var builds = SelectedComponents.Select(async component =>
            {
                await gate.WaitAsync(firstFailure.Token);
                try { return await builder.BuildAsync(component, firstFailure.Token); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await firstFailure.CancelAsync();
                    throw;
                }
                finally { gate.Release(); }
            }).ToList();
            await Task.WhenAll(builds); // throws the failures, not the cancellations they caused
            var images = builds.Select(b => b.Result).ToArray();
            ImagesManifest.Write(BuildPlanFile, images);

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Component").AddColumn("Image").AddColumn("Inputs").AddColumn("Build");
            foreach (var image in images)
                table.AddRow(image.Component, Markup.Escape(image.Reference(image.Tags[0])), image.InputsDigest[7..19],
                    image.Rebuilt ? "[yellow]rebuilt[/]" : "[green]unchanged[/]");
            BuildOutput.Current.Render(table);
        });

    /// <summary>Dirty trees may only build for the local environment.</summary>
    private bool IsLocalEnvironment()
    {
        try { return Environment.UsesLocalStack; }
        catch (UsageException) { return false; }
    }
}
