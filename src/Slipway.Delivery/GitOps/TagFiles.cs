using Slipway.Delivery.Values;

namespace Slipway.Delivery.GitOps;

/// <summary>Applies bumps to the files of a checked-out repository, each file read once and written only when its text changed.</summary>
internal static class TagFiles
{
    /// <summary>One edit per bump, in order; bumps of the same file apply one after the other to its text.</summary>
    public static IReadOnlyList<TagEdit> Apply(string root, IReadOnlyList<TagBump> bumps)
    {
        var edits = new List<TagEdit>();
        foreach (var file in bumps.GroupBy(b => b.ValuesFile, StringComparer.Ordinal))
        {
            var path = Path.Combine(root, file.Key);
            var before = File.Exists(path) ? ExactText.Read(path) : "";
            var text = before;
            foreach (var bump in file)
            {
                var edit = TagEditor.Apply(text, bump);
                edits.Add(edit);
                text = edit.Text;
            }
            if (text == before) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ExactText.Write(path, text);
        }
        return edits;
    }
}
