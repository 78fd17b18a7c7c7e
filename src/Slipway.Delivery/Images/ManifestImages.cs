using Slipway.Delivery.Registry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Images;

/// <summary>
/// Finds the images in rendered manifests: every container, initContainer and ephemeralContainer of the pod templates
/// of Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs — or, with
/// <c>allImageKeys</c>, every <c>image:</c> string anywhere (CRDs, config).
/// </summary>
public static class ManifestImages
{
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    /// <summary>Normalised (docker.io/library made explicit), sorted, unique.</summary>
    public static IReadOnlyList<string> Find(string manifests, bool allImageKeys = false)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var document in Documents(manifests))
        {
            if (document is not YamlMappingNode root) continue;
            if (allImageKeys) CollectImageKeys(root, found);
            else
                foreach (var image in PodImages(root))
                    found.Add(Normalize(image.Value!));
        }
        return found.ToList();
    }

    /// <summary>The <c>image:</c> scalars of a document's pod template (none when it is not a workload).</summary>
    internal static IEnumerable<YamlScalarNode> PodImages(YamlMappingNode root)
    {
        if (PodSpec(root) is not { } spec) yield break;
        foreach (var list in ContainerLists)
            if (spec.Children.TryGetValue(list, out var containers) && containers is YamlSequenceNode sequence)
                foreach (var container in sequence.OfType<YamlMappingNode>())
                    if (container.Children.TryGetValue("image", out var image) && image is YamlScalarNode { Value.Length: > 0 } scalar)
                        yield return scalar;
    }

    public static string Normalize(string image) =>
        ImageReference.TryParse(image, out var reference, out _) ? reference!.ToString() : image.Trim();

    private static YamlMappingNode? PodSpec(YamlMappingNode root)
    {
        var kind = Scalar(root, "kind");
        var spec = Child(root, "spec");
        return kind switch
        {
            "Pod" => spec,
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "ReplicationController" or "Job" => Child(Child(spec, "template"), "spec"),
            "CronJob" => Child(Child(Child(Child(spec, "jobTemplate"), "spec"), "template"), "spec"),
            "PodTemplate" => Child(Child(root, "template"), "spec"),
            _ => null,
        };
    }

    private static void CollectImageKeys(YamlNode node, SortedSet<string> found)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "image" } && value is YamlScalarNode { Value: { Length: > 0 } image }) found.Add(Normalize(image));
                    CollectImageKeys(value, found);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence) CollectImageKeys(item, found);
                break;
        }
    }

    internal static IEnumerable<YamlNode> Documents(string manifests)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(manifests));
        }
        catch (YamlException e)
        {
            throw new Slipway.Engine.TargetFailedException($"The rendered manifests are not valid YAML (line {e.Start.Line}): {e.Message}");
        }
        return stream.Documents.Select(d => d.RootNode);
    }

    private static YamlMappingNode? Child(YamlMappingNode? node, string key) =>
        node != null && node.Children.TryGetValue(key, out var child) ? child as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;
}
