using Slipway.Delivery.Git;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// The bumps of one values file as an edit for <see cref="GitOpsWriter"/>: they apply one after the other to the file's
/// text, and <see cref="Latest"/> keeps what the latest application found (the old tags), for the commit message.
/// </summary>
internal sealed class TagFileEdit(string path, IReadOnlyList<TagBump> bumps)
{
    /// <summary>One edit per bump, in order, from the latest application (empty before the first).</summary>
    public IReadOnlyList<TagEdit> Latest { get; private set; } = [];

    public FileEdit ToFileEdit() => new(path, Apply);

    private string Apply(string text)
    {
        var edits = new List<TagEdit>();
        foreach (var bump in bumps)
        {
            var edit = TagEditor.Apply(text, bump);
            edits.Add(edit);
            text = edit.Text;
        }
        Latest = edits;
        return text;
    }
}
