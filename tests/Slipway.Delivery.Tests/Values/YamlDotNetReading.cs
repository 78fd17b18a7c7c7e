using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Slipway.Delivery.Tests.Values;

/// <summary>What an independent YAML parser (YamlDotNet) reads in a text, to check the product against.</summary>
internal static class YamlDotNetReading
{
    /// <summary>The scalars in value position (not mapping keys) of every document: what an edit can target.</summary>
    public static int ValueScalarCount(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<Collection>();
        var count = 0;
        while (parser.MoveNext())
        {
            var isNode = parser.Current is Scalar or AnchorAlias or MappingStart or SequenceStart;
            if (isNode)
            {
                var isKey = open.TryPeek(out var parent) && parent.IsMapping && parent.AwaitingKey;
                if (parent is { IsMapping: true }) parent.AwaitingKey = !isKey;
                if (!isKey && parser.Current is Scalar) count++;
            }
            if (parser.Current is MappingStart) open.Push(new Collection(IsMapping: true) { AwaitingKey = true });
            else if (parser.Current is SequenceStart) open.Push(new Collection(IsMapping: false));
            else if (parser.Current is MappingEnd or SequenceEnd) open.Pop();
        }
        return count;
    }

    private sealed record Collection(bool IsMapping)
    {
        public bool AwaitingKey { get; set; }
    }
}
