namespace Slipway.Delivery.Git;

/// <summary>
/// An edit of one file of a repository: <see cref="Path"/> is relative to its root, <see cref="Edit"/> maps the file's
/// text (empty when the file does not exist yet) to its new text. It may run again on newer content after a rejected push.
/// </summary>
public sealed record FileEdit(string Path, Func<string, string> Edit);
