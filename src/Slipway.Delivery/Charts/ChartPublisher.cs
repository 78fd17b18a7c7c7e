using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Values;
using Slipway.Engine;

namespace Slipway.Delivery.Charts;

/// <summary>
/// Publishes a release's chart as an OCI chart whose version, appVersion and image tags are one version: its
/// dependencies packed in, a copy of it gets the version in Chart.yaml and <c>&lt;component&gt;.image.tag</c> in its
/// values.yaml for each of its components, then it is packaged and pushed. A version already in the repository is left
/// as it is (published versions do not change).
/// </summary>
public sealed class ChartPublisher(HelmClient helm, RegistryClient registry, string repositoryPath, bool plainHttp,
    (string Host, string Username, string Password)? credentials)
{
    /// <summary>The repository charts go to, as helm names it: <c>host[:port]/path</c>.</summary>
    public string Repository => $"{registry.Registry}/{repositoryPath}";

    /// <summary>The chart published; <c>Pushed</c> is false when that version was in the repository already.</summary>
    public async Task<(PublishedChart Chart, bool Pushed)> PublishAsync(ReleaseDefinition release,
        IReadOnlyList<Component> components, string version, CancellationToken ct)
    {
        var name = ChartName(release.Chart);
        var published = new PublishedChart(name, version, Repository);
        // helm stores a chart version with '+' as the OCI tag with '_'
        if (await registry.HeadManifestAsync($"{repositoryPath}/{name}", version.Replace('+', '_'), ct) != null)
            return (published, false);
        await ChartDependencies.BuildAsync(helm, release.Chart, ct);
        var work = Directory.CreateTempSubdirectory("slipway-publish-chart-");
        try
        {
            var copy = AbsolutePath.From(work.FullName) / name;
            CopyDirectory(release.Chart, copy);
            ChartVersions.Sync([copy / "Chart.yaml"], version);
            var values = copy / "values.yaml";
            if (!values.FileExists) File.WriteAllText(values, "");
            foreach (var component in components.Where(c => c.Kind == release.Components))
            {
                ValuesFile.Set(values, KeyPath.Parse($"{component.Name}.image.tag"), version);
                // a digest in the chart's defaults would pin another image than the version's
                var digest = KeyPath.Parse($"{component.Name}.image.digest");
                if (ValuesDocument.Parse(ExactText.Read(values), values).Get(digest) is { Length: > 0 })
                    ValuesFile.Set(values, digest, "");
            }
            var archive = await helm.PackageAsync(copy, work.FullName, ct);
            await helm.PushAsync(archive, Repository, plainHttp, credentials, ct);
            return (published, true);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The name in the chart folder's Chart.yaml.</summary>
    public static string ChartName(AbsolutePath chart) =>
        ChartYaml.NameIn(chart) ?? throw new TargetFailedException($"{chart / "Chart.yaml"} has no name.");

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
