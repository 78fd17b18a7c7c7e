using Slipway.Delivery.Values;

namespace Slipway.Delivery.GitOps;

/// <summary>A component's tag as the <c>newTag</c> of its entry in a kustomization's <c>images:</c> list.</summary>
internal static class KustomizeTags
{
    private static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static bool IsKustomization(string path) => FileNames.Contains(Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>
    /// Sets <c>newTag</c> and <c>digest</c> of the entry naming the image (created when there is none, under the first
    /// of its names); without a digest, one the entry has is emptied, as it would pin the previous image.
    /// </summary>
    public static TagEdit Set(ValuesDocument document, TagBump bump)
    {
        var found = Entries(document)
            .FirstOrDefault(e => bump.ImageNames.Any(candidate => Matches(e.Name!, candidate)));
        var name = found.Name ?? bump.ImageNames[0];
        var digest = bump.Digest ?? (found.Name != null && HasDigest(document, found.Index) ? "" : null);
        var edit = KustomizeImages.Set(document, name, new KustomizeImageUpdate(NewTag: bump.Tag, Digest: digest));
        return TagEditor.FromEdit(bump, edit, $"kustomize image {name}");
    }

    private static bool HasDigest(ValuesDocument document, int index) =>
        document.Get(KeyPath.Parse($"images[{index}].digest")) is { Length: > 0 };

    /// <summary>An entry names the image exactly, or as a longer path ending with it (<c>registry/shop/api</c> for <c>shop/api</c>).</summary>
    private static bool Matches(string entry, string candidate) =>
        entry == candidate || entry.EndsWith("/" + candidate, StringComparison.Ordinal);

    private static IEnumerable<(string? Name, int Index)> Entries(ValuesDocument document)
    {
        if (document.DocumentCount == 0 || document.ReadNode(KeyPath.Parse("images"), 0) is not SequenceNode images) yield break;
        for (var i = 0; i < images.Items.Count; i++)
            if (images.Items[i] is MappingNode entry &&
                entry.Entries.FirstOrDefault(e => e.KeyText == "name")?.Value is ScalarNode { Value: var value })
                yield return (value, i);
    }
}
