using Slipway.Delivery.Values;

namespace Slipway.Delivery.GitOps;

/// <summary>A component's tag as the <c>newTag</c> of its entry in a kustomization's <c>images:</c> list.</summary>
internal static class KustomizeTags
{
    private static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static bool IsKustomization(string path) => FileNames.Contains(Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>Sets <c>newTag</c> of the entry naming the image (created when there is none, under the first of its names).</summary>
    public static TagEdit Set(ValuesDocument document, TagBump bump)
    {
        var name = EntryNames(document).FirstOrDefault(entry => bump.ImageNames.Any(candidate => Matches(entry, candidate))) ?? bump.ImageNames[0];
        var edit = KustomizeImages.Set(document, name, new KustomizeImageUpdate(NewTag: bump.Tag));
        return TagEditor.FromEdit(bump, edit, $"kustomize image {name}");
    }

    /// <summary>An entry names the image exactly, or as a longer path ending with it (<c>registry/shop/api</c> for <c>shop/api</c>).</summary>
    private static bool Matches(string entry, string candidate) =>
        entry == candidate || entry.EndsWith("/" + candidate, StringComparison.Ordinal);

    private static IEnumerable<string> EntryNames(ValuesDocument document)
    {
        if (document.DocumentCount == 0 || document.ReadNode(KeyPath.Parse("images"), 0) is not SequenceNode images) yield break;
        foreach (var item in images.Items)
            if (item is MappingNode entry && entry.Entries.FirstOrDefault(e => e.KeyText == "name")?.Value is ScalarNode { Value: var value })
                yield return value;
    }
}
