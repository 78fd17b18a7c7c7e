namespace Slipway.Delivery.GitOps;

/// <summary>What a bump did to its file's text: the tag it found (null when it created the value), the new text, and how it found the place.</summary>
public sealed record TagEdit(TagBump Bump, string? OldTag, string Text, string How, bool Changed)
{
    public override string ToString() => Changed
        ? $"{Bump.Component}: {OldTag ?? "(none)"} → {NewImage} in {Bump.ValuesFile} ({How})"
        : $"{Bump.Component} is already at {NewImage} in {Bump.ValuesFile}";

    /// <summary>
    /// The new tag, with the start of its digest when one is written: <c>5e6f7a8b (sha256:0123456789ab)</c>.
    /// </summary>
    public string NewImage => Bump.Tag + (Bump.Digest != null ? $" ({TagBump.ShortDigest(Bump.Digest)})" : "");
}
