namespace Slipway.Delivery.Ci.Yaml;

/// <summary>An ordered mapping; entries are written in the order they were added, each optionally after a blank line or comments.</summary>
public sealed class YamlMapping : YamlNode
{
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>Adds an entry; a null value is left out, so optional keys read as one line each.</summary>
    public YamlMapping Add(string key, YamlNode? value, bool blankLineBefore = false, IReadOnlyList<string>? comments = null)
    {
        if (value == null) return this;
        if (_entries.Any(e => e.Key == key)) throw new InvalidOperationException($"Duplicate YAML key '{key}'.");
        _entries.Add(new Entry(key, value, blankLineBefore, comments ?? []));
        return this;
    }

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>One key and its value, with what is written above it.</summary>
    public sealed record Entry(string Key, YamlNode Value, bool BlankLineBefore, IReadOnlyList<string> Comments);
}
