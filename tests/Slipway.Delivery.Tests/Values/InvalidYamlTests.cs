using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

public sealed class InvalidYamlTests
{
    [Theory]
    [InlineData("image:\n  tag: 1.0\n repository: x\n", 3, 2)]
    [InlineData("image:\n  tag: \"1.0\n", 2, 8)]
    [InlineData("image: {tag: 1.0\nother: 2\n", 1, 8)]
    [InlineData("args: [a, b\nother: 2\n", 1, 7)]
    [InlineData("a: 1\nb: @x\n", 2, 4)]
    [InlineData("a: *nowhere\n", 1, 4)]
    [InlineData("\uFEFFa: 1\n- b\n", 2, 1)]
    public void Invalid_yaml_names_the_file_line_and_column_and_leaves_the_file_untouched(string text, int line, int column)
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.File("values.yaml");
        File.WriteAllText(file, text);
        var before = File.ReadAllBytes(file);
        var written = File.GetLastWriteTimeUtc(file);

        var error = FluentActions.Invoking(() => ValuesFile.Set(file, "a", "2")).Should().Throw<ValuesEditException>().Which;

        error.FileName.Should().Be(file);
        (error.Line, error.Column).Should().Be((line, column));
        error.Message.Should().StartWith($"{file}, line {line}, column {column}: invalid YAML: ");
        File.ReadAllBytes(file).Should().Equal(before);
        File.GetLastWriteTimeUtc(file).Should().Be(written);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_not_edited()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.File("values.yaml");
        byte[] latin1 = [.. "a: caf"u8, 0xE9, (byte)'\n'];
        File.WriteAllBytes(file, latin1);

        FluentActions.Invoking(() => ValuesFile.Set(file, "a", "x")).Should().Throw<ValuesEditException>().WithMessage("*not valid UTF-8*");
        File.ReadAllBytes(file).Should().Equal(latin1);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.File("absent.yaml");

        FluentActions.Invoking(() => ValuesFile.Set(file, "a", "x")).Should().Throw<ValuesEditException>().WithMessage($"{file}: the file does not exist");
        File.Exists(file).Should().BeFalse();
    }
}
