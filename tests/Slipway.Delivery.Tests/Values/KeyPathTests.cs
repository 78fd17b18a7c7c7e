using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

public sealed class KeyPathTests
{
    [Theory]
    [InlineData("a.b[2].c", new[] { "a", "b", "[2]", "c" })]
    [InlineData("a.\"dotted.key\".c", new[] { "a", "dotted.key", "c" })]
    [InlineData("a['x.y']", new[] { "a", "x.y" })]
    [InlineData("a[\"x]y\"][0]", new[] { "a", "x]y", "[0]" })]
    [InlineData("'it''s'.b", new[] { "it's", "b" })]
    [InlineData("\"say \\\"hi\\\"\"", new[] { "say \"hi\"" })]
    [InlineData("[0].name", new[] { "[0]", "name" })]
    [InlineData("annotations.example.com/team", new[] { "annotations", "example", "com/team" })]
    public void Parses_keys_indexes_and_quoted_segments(string text, string[] expected)
    {
        KeyPath.Parse(text).Segments.Select(s => s.IsIndex ? $"[{s.Index}]" : s.Key).Should().Equal(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.")]
    [InlineData("a..b")]
    [InlineData("a[x]")]
    [InlineData("a[1")]
    [InlineData("a.\"open")]
    [InlineData("a\"b\"")]
    [InlineData("a[-1]")]
    public void Rejects_malformed_paths_naming_the_position(string text)
    {
        FluentActions.Invoking(() => KeyPath.Parse(text)).Should().Throw<FormatException>().WithMessage($"Invalid key path '{text}' at character *");
    }

    [Theory]
    [InlineData("a.b[2].c")]
    [InlineData("metadata.labels.\"app.kubernetes.io/name\"")]
    [InlineData("[1][0].\"with space\"")]
    [InlineData("\"[x]\".\"quote\\\"d\"")]
    public void Prints_a_path_that_parses_back_to_itself(string text)
    {
        var path = KeyPath.Parse(text);

        path.ToString().Should().Be(text);
        KeyPath.Parse(path.ToString()).Should().Be(path);
    }

    [Fact]
    public void A_dotted_key_addresses_a_key_with_dots_in_the_file()
    {
        var document = ValuesDocument.Parse("annotations:\n  example.com/team: shop\n  'single.quoted': x\n");

        document.Get("annotations.\"example.com/team\"").Should().Be("shop");
        document.Get("annotations['single.quoted']").Should().Be("x");
        document.Set("annotations['example.com/team']", "ops").Text.Should().Be("annotations:\n  example.com/team: ops\n  'single.quoted': x\n");
    }
}
