using System.Text;
using Slipway.Engine;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Images;

/// <summary>
/// Points the pod images of rendered manifests at their copies in a target registry (what Retag relocated), changing
/// only those values: for third-party charts that hard-code their images and ignore <c>global.registry</c>. An image
/// neither in the target registry nor relocated is refused, so nothing deploys from a registry the environment must not use.
/// </summary>
public sealed class ManifestRelocation(ImageRegistry target, IReadOnlyDictionary<string, string> relocated)
{
    /// <summary>The manifests with every relocated image replaced by its copy (pinned by digest); the rest byte for byte.</summary>
    public string Apply(string manifests)
    {
        var edits = new SortedDictionary<int, (int End, string Image)>();
        var outside = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var document in ManifestImages.Documents(manifests).OfType<YamlMappingNode>())
            foreach (var node in ManifestImages.PodImages(document))
            {
                var image = ManifestImages.Normalize(node.Value!);
                if (relocated.TryGetValue(image, out var copy)) edits[(int)node.Start.Index] = ((int)node.End.Index, copy);
                else if (!target.Holds(image)) outside.Add(image);
            }
        if (outside.Count > 0)
            throw new TargetFailedException(
                $"The render uses images that are neither in the target registry {target} nor relocated into it: {string.Join(", ", outside)}. " +
                "Run Retag for this environment (it copies every image the render references), then deploy again.");
        var text = new StringBuilder(manifests);
        // from the last edit back, so earlier offsets stay valid; image references hold no quote or backslash
        foreach (var (start, (end, image)) in edits.Reverse())
            text.Remove(start, end - start).Insert(start, $"\"{image}\"");
        return text.ToString();
    }

    /// <summary>Images of hooks (helm 3 runs no post-renderer on hooks) that are not in the target registry.</summary>
    public IReadOnlyList<string> HookImagesOutsideTarget(string manifests) =>
        ManifestImages.Documents(manifests).OfType<YamlMappingNode>()
            .Where(IsHook)
            .SelectMany(ManifestImages.PodImages)
            .Select(node => ManifestImages.Normalize(node.Value!))
            .Where(image => !target.Holds(image))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsHook(YamlMappingNode document) =>
        document.Children.TryGetValue("metadata", out var metadata) && metadata is YamlMappingNode meta
        && meta.Children.TryGetValue("annotations", out var annotations) && annotations is YamlMappingNode map
        && map.Children.ContainsKey("helm.sh/hook");
}
