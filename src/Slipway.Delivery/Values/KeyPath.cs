namespace Slipway.Delivery.Values;

/// <summary>
/// A path to a value in a YAML document: <c>image.tag</c>, <c>containers[0].image</c>, <c>annotations."example.com/key"</c>
/// or <c>annotations['example.com/key']</c>.
/// </summary>
public sealed class KeyPath : IEquatable<KeyPath>
{
    public KeyPath(IEnumerable<PathSegment> segments)
    {
        Segments = segments.ToArray();
        if (Segments.Count == 0) throw new ArgumentException("A key path needs at least one segment.", nameof(segments));
    }

    public IReadOnlyList<PathSegment> Segments { get; }

    /// <summary>Parses the dotted form; throws <see cref="FormatException"/> naming the position of a mistake.</summary>
    public static KeyPath Parse(string path) => new(KeyPathSyntax.Parse(path));

    public KeyPath Append(PathSegment segment) => new(Segments.Append(segment));

    /// <summary>The first <paramref name="count"/> segments.</summary>
    public KeyPath Take(int count) => new(Segments.Take(count));

    public override string ToString() =>
        string.Concat(Segments.Select((segment, i) => segment.IsIndex || i == 0 ? segment.ToString() : "." + segment));

    public bool Equals(KeyPath? other) => other is not null && Segments.SequenceEqual(other.Segments);

    public override bool Equals(object? obj) => Equals(obj as KeyPath);

    public override int GetHashCode() => Segments.Aggregate(17, (hash, segment) => hash * 31 + segment.GetHashCode());
}
