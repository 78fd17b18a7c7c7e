using FluentAssertions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Tests.Values;

/// <summary>Reads an edited text back through YamlDotNet: the scalar at a path, and the type it resolves to.</summary>
internal static class YamlReadBack
{
    /// <summary>The scalar at <paramref name="path"/> (<c>k</c>, <c>a.b</c>, <c>list[1]</c>, <c>[0][0]</c>).</summary>
    public static YamlScalarNode Scalar(string text, string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var node = stream.Documents[0].RootNode;
        foreach (var step in Steps(path))
            node = step is int index
                ? ((YamlSequenceNode)node).Children[index]
                : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        return node.Should().BeOfType<YamlScalarNode>().Subject;
    }

    /// <summary>The type readers give it: <c>str</c> when quoted, block or !!str, else its plain type.</summary>
    public static string TypeOf(YamlScalarNode scalar) =>
        scalar.Style is not ScalarStyle.Plain || IsTaggedString(scalar)
            ? "str"
            : ImplicitTypes.OfPlain(scalar.Value ?? "");

    private static bool IsTaggedString(YamlScalarNode scalar) =>
        !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str";

    private static IEnumerable<object> Steps(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            if (bracket != 0) yield return bracket < 0 ? part : part[..bracket];
            if (bracket < 0) continue;
            foreach (var index in part[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries))
                yield return int.Parse(index.TrimEnd(']'));
        }
    }
}
