namespace Slipway.Delivery.GitOps;

/// <summary>What a bump did to its file's text: the tag it found (null when it created the value), the new text, and how it found the place.</summary>
public sealed record TagEdit(TagBump Bump, string? OldTag, string Text, string How, bool Changed)
{
    public override string ToString() => Changed
        ? $"{Bump.Component}: {OldTag ?? "(none)"} → {Bump.Tag} in {Bump.ValuesFile} ({How})"
        : $"{Bump.Component} is already at {Bump.Tag} in {Bump.ValuesFile}";
}
