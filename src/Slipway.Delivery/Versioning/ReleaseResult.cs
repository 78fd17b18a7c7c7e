namespace Slipway.Delivery.Versioning;

/// <summary>
/// The release made: its version and tag, the commit tagged, and whether a release commit raised VERSION.
/// </summary>
public sealed record ReleaseResult(SemanticVersion Version, string Tag, string Commit, bool Bumped, string Remote);
