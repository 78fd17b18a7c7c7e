namespace Slipway.Delivery.Values;

/// <summary>The fields of a Kustomize <c>images:</c> entry to set; a null field is left as it is.</summary>
public sealed record KustomizeImageUpdate(string? NewName = null, string? NewTag = null, string? Digest = null)
{
    /// <summary>The fields to write, in the order <c>kustomize edit set image</c> writes them.</summary>
    internal IReadOnlyList<(string Key, string Value)> Fields =>
        new (string Key, string? Value)[] { ("newName", NewName), ("newTag", NewTag), ("digest", Digest) }
            .Where(f => f.Value != null)
            .Select(f => (f.Key, f.Value!))
            .ToList();
}
