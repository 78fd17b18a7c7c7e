using Slipway.Engine;

namespace Slipway.Delivery.Adoption;

/// <summary>Writes the files an adoption adds, keeping each file that exists unless forced; says what it did.</summary>
public sealed class AdoptionWriter(AbsolutePath root, bool force)
{
    public List<string> Written { get; } = [];
    public List<string> Kept { get; } = [];
    /// <summary>What the team has to do by hand, where a file was kept.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// Writes <paramref name="relative"/> when it is missing, when forced, or when <paramref name="replaceable"/> says
    /// its present text is a placeholder; returns whether it wrote.
    /// </summary>
    public bool Write(string relative, string text, Func<string, bool>? replaceable = null)
    {
        var file = root / relative;
        if (file.FileExists && !force && !(replaceable?.Invoke(File.ReadAllText(file)) ?? false))
        {
            Kept.Add(relative);
            return false;
        }
        file.Parent.CreateDirectory();
        File.WriteAllText(file, text.ReplaceLineEndings("\n"));
        Written.Add(relative);
        return true;
    }

    /// <summary>Adds the lines <paramref name="relative"/> lacks at its end (an ignore file: none removed).</summary>
    public void Append(string relative, IReadOnlyList<string> lines, string comment)
    {
        var file = root / relative;
        var present = file.FileExists
            ? File.ReadAllLines(file).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal)
            : [];
        var missing = lines.Where(l => !present.Contains(l)).ToList();
        if (missing.Count == 0)
        {
            Kept.Add(relative);
            return;
        }
        var text = file.FileExists ? File.ReadAllText(file) : "";
        if (text.Length > 0 && !text.EndsWith('\n')) text += "\n";
        var block = $"# {comment}\n" + string.Join("\n", missing) + "\n";
        File.WriteAllText(file, text + (text.Length > 0 ? "\n" : "") + block);
        Written.Add(relative);
    }
}
