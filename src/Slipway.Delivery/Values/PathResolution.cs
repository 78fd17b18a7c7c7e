namespace Slipway.Delivery.Values;

/// <summary>What a key path leads to when it is about to be written.</summary>
internal abstract record PathResolution;

/// <summary>
/// The path leads to this node. <see cref="Key"/> is its key when it is a mapping value; <see cref="InFlow"/> when it
/// sits in a <c>{…}</c> or <c>[…]</c> collection.
/// </summary>
internal sealed record ExistingNode(YamlNode Node, YamlNode? Key, bool InFlow) : PathResolution;

/// <summary>The segments from <see cref="FirstMissing"/> on do not exist; they are created at <see cref="Point"/>.</summary>
internal sealed record MissingPath(int FirstMissing, InsertionPoint Point) : PathResolution;
