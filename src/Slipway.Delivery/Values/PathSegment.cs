namespace Slipway.Delivery.Values;

/// <summary>One step of a <see cref="KeyPath"/>: a mapping key or a sequence index.</summary>
public sealed record PathSegment
{
    private PathSegment(string? key, int? index)
    {
        Key = key;
        Index = index;
    }

    /// <summary>The mapping key, or null when this step is a sequence index.</summary>
    public string? Key { get; }

    /// <summary>The sequence index, or null when this step is a mapping key.</summary>
    public int? Index { get; }

    public bool IsIndex => Index.HasValue;

    public static PathSegment ForKey(string key) => new(key ?? throw new ArgumentNullException(nameof(key)), null);

    public static PathSegment ForIndex(int index) =>
        index >= 0 ? new(null, index) : throw new ArgumentOutOfRangeException(nameof(index), "A sequence index cannot be negative.");

    /// <summary>The segment as written in a path: <c>[2]</c>, <c>name</c>, or <c>"dotted.key"</c> when it needs quoting.</summary>
    public override string ToString() => Index is { } index ? $"[{index}]" : KeyPathSyntax.FormatKey(Key!);
}
