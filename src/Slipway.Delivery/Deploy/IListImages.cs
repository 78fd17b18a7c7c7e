using Slipway.Delivery.Helm;
using Slipway.Delivery.Images;
using Slipway.Delivery.Locks;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

public interface IListImages : IHazReleases, IHazRunLocks
{
    [Parameter("ListImages: a chart to render instead of the environment's releases", Variables = ParameterVariables.PrefixedOnly)]
    AbsolutePath? Chart => TryGetValue(() => Chart);

    [Parameter("ListImages: values files for --chart, in layer order", Variables = ParameterVariables.PrefixedOnly)]
    AbsolutePath[] Values => TryGetValue(() => Values) ?? [];

    [Parameter("ListImages: also report image: strings outside pod templates (CRDs, config)", Variables = ParameterVariables.PrefixedOnly)]
    bool AllImageKeys => TryGetValue<bool?>(() => AllImageKeys) ?? false;

    Target ListImages => _ => _
        .Description("Print every image the environment's render (or --chart with --values) references, normalised, sorted, unique")
        .Validates(() => { if (Chart == null) CheckEnvironment(); })
        .Executes(async ct =>
        {
            var images = await FindImagesAsync(AllImageKeys, ct);
            // printed even with --verbosity quiet, one per line, for scripts
            foreach (var image in images) BuildOutput.Current.Raw(image + "\n");
            if (images.Count == 0) Log.Warning("The render references no image.");
        });

    async Task<IReadOnlyList<string>> FindImagesAsync(bool allImageKeys, CancellationToken ct)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        if (Chart != null)
        {
            await ChartDependencies.BuildAsync(Helm, Chart, ct);
            var values = Values.Select(v => v.Value).ToList();
            var manifests = await Helm.TemplateAsync("release", Chart, "default", values, [], ct);
            found.UnionWith(ManifestImages.Find(manifests, allImageKeys));
            return found.ToList();
        }
        var environment = Environment;
        var registry = RenderRegistry;
        var releases = await ReleasesForAsync(environment, ct);
        var renders = await Task.WhenAll(releases.Select(release => RenderAsync(environment, release, registry, ct)));
        foreach (var manifests in renders) found.UnionWith(ManifestImages.Find(manifests, allImageKeys));
        return found.ToList();
    }
}
