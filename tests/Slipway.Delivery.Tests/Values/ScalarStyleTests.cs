using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

/// <summary>The edited scalar keeps its quoting style unless the new value cannot be written in it.</summary>
public sealed class ScalarStyleTests
{
    [Theory]
    [InlineData("tag: v1\n", "v2", "tag: v2\n")]
    [InlineData("tag: v1\n", "has: colon", "tag: \"has: colon\"\n")]
    [InlineData("tag: v1\n", "a #b", "tag: \"a #b\"\n")]
    [InlineData("tag: v1\n", "-leading", "tag: -leading\n")]
    [InlineData("tag: v1\n", "- item", "tag: \"- item\"\n")]
    [InlineData("tag: v1\n", "*star", "tag: \"*star\"\n")]
    [InlineData("tag: v1\n", " padded ", "tag: \" padded \"\n")]
    [InlineData("tag: v1\n", "", "tag: \"\"\n")]
    [InlineData("tag: abc1234\n", "1234567", "tag: \"1234567\"\n")]
    [InlineData("tag: abc1234\n", "true", "tag: \"true\"\n")]
    [InlineData("tag: abc1234\n", "1.10", "tag: \"1.10\"\n")]
    [InlineData("tag: abc1234\n", "null", "tag: \"null\"\n")]
    [InlineData("tag: abc1234\n", "1e3", "tag: \"1e3\"\n")]
    [InlineData("tag: abc1234\n", "1.2.3", "tag: 1.2.3\n")]
    [InlineData("replicas: 3\n", "4", "replicas: 4\n")]
    [InlineData("enabled: false\n", "true", "enabled: true\n")]
    [InlineData("tag: !!str 1.0\n", "2.0", "tag: !!str 2.0\n")]
    [InlineData("tag:\n", "1.0", "tag: \"1.0\"\n")]
    [InlineData("tag: # set by CI\n", "v1", "tag: v1 # set by CI\n")]
    [InlineData("tag: &t\nx: 1\n", "v1", "tag: &t v1\nx: 1\n")]
    [InlineData("tag: 'v1'\n", "it's", "tag: 'it''s'\n")]
    [InlineData("tag: 'v1'\n", "line\nbreak", "tag: \"line\\nbreak\"\n")]
    [InlineData("tag: \"v1\"\n", "tab\there \\ \"q\"", "tag: \"tab\\there \\\\ \\\"q\\\"\"\n")]
    [InlineData("tag: \"v1\"\n", "bell\a nbsp\u00A0 ls\u2028", "tag: \"bell\\a nbsp\\_ ls\\L\"\n")]
    [InlineData("list: [a, b]\n", "c,d", "list: [a, \"c,d\"]\n")]
    [InlineData("map: {k: v}\n", "x:y", "map: {k: \"x:y\"}\n")]
    public void Writes_the_value_in_the_style_it_needs(string text, string value, string expected)
    {
        var path = text.StartsWith("list") ? "list[1]" : text.StartsWith("map") ? "map.k" : text[..text.IndexOf(':')];

        var before = YamlReadBack.Scalar(text, path);

        var edit = ValuesDocument.Parse(text).Set(path, value);

        edit.Text.Should().Be(expected);
        ValuesDocument.Parse(edit.Text).Get(path).Should().Be(value);
        var after = YamlReadBack.Scalar(edit.Text, path);
        after.Value.Should().Be(value, "another YAML parser reads the same value");
        var type = YamlReadBack.TypeOf(before);
        var kept = type is "int" or "bool" && ImplicitTypes.OfPlain(value) == type;
        YamlReadBack.TypeOf(after).Should().Be(kept ? type : "str",
            "a number or boolean stays one, and anything else is read as a string");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with 'single' and \"double\" quotes")]
    [InlineData("ends with colon:")]
    [InlineData("[bracket")]
    [InlineData("{brace")]
    [InlineData("%percent")]
    [InlineData("@at")]
    [InlineData("`tick")]
    [InlineData("!bang")]
    [InlineData("&amp")]
    [InlineData("|pipe")]
    [InlineData(">gt")]
    [InlineData("?q")]
    [InlineData("---")]
    [InlineData("...")]
    [InlineData("~")]
    [InlineData("emoji \U0001F680 and accents é")]
    [InlineData("control \u0001 char")]
    [InlineData("bom \uFEFF inside")]
    [InlineData("cr\rlf\n")]
    [InlineData("2001-12-14")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("+.inf")]
    [InlineData(".NaN")]
    [InlineData("Yes")]
    [InlineData("off")]
    [InlineData("1:30")]
    public void Any_value_reads_back_exactly_in_every_style(string value)
    {
        foreach (var text in new[] { "k: old\n", "k: 'old'\n", "k: \"old\"\n", "- [old]\n", "{k: old}\n", "k:\n" })
        {
            var path = text.StartsWith('-') ? "[0][0]" : "k";

            var edit = ValuesDocument.Parse(text).Set(path, value);

            ValuesDocument.Parse(edit.Text).Get(path).Should().Be(value, $"'{value}' written into {text.Trim()} as {edit.Text.Trim()}");
            var scalar = YamlReadBack.Scalar(edit.Text, path);
            scalar.Value.Should().Be(value, $"YamlDotNet reads '{value}' back from {edit.Text.Trim()}");
            YamlReadBack.TypeOf(scalar).Should().Be("str",
                $"'{value}' must stay a string, not a YAML {ImplicitTypes.OfPlain(value)}: {edit.Text.Trim()}");
        }
    }

    [Theory]
    [InlineData("Yes", "bool")]
    [InlineData("off", "bool")]
    [InlineData("0x1F", "int")]
    [InlineData("0o17", "int")]
    [InlineData("1:30", "int")]
    [InlineData("2001-12-14", "timestamp")]
    [InlineData("+.inf", "float")]
    [InlineData(".NaN", "float")]
    [InlineData("1e3", "float")]
    [InlineData("~", "null")]
    [InlineData("1.2.3", "str")]
    [InlineData("v1", "str")]
    public void The_read_back_check_knows_what_a_plain_value_would_become(string plain, string type)
    {
        // The premise of the read-back assertions above: unquoted, these values would not be strings.
        YamlReadBack.TypeOf(YamlReadBack.Scalar($"k: {plain}\n", "k")).Should().Be(type);
        YamlReadBack.TypeOf(YamlReadBack.Scalar($"k: '{plain}'\n", "k")).Should().Be("str");
    }

    [Fact]
    public void Created_keys_that_need_quotes_are_quoted()
    {
        var edit = ValuesDocument.Parse("a: 1\n").Set("labels.\"x: y\".\"#tag\"", "yes");

        edit.Text.Should().Be("a: 1\nlabels:\n  \"x: y\":\n    \"#tag\": \"yes\"\n");
    }
}
