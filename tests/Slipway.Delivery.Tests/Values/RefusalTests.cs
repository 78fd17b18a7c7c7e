using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

/// <summary>Edits that would reach further than one scalar, or that cannot be made in place, are refused with a message that says why.</summary>
public sealed class RefusalTests
{
    private const string Anchors = """
        defaults: &defaults
          pullPolicy: IfNotPresent
        shared: &tag 1.0.0
        api:
          <<: *defaults
          tag: *tag
          image: *defaults
        notes: |
          multi
          line
        flow: {a: 1, list: [1, 2]}
        empty: {}
        items:
          - one
        """;

    [Theory]
    [InlineData("api.tag", 6, "is the alias *tag")]
    [InlineData("api.image.pullPolicy", 7, "is the alias *defaults")]
    [InlineData("api.pullPolicy", 5, "merges other values with '<<'")]
    [InlineData("shared", 3, "carries the anchor &tag, which *tag at line 6 reads")]
    [InlineData("defaults.pullPolicy", 1, "carries the anchor &defaults")]
    [InlineData("defaults.newKey", 1, "carries the anchor &defaults")]
    [InlineData("notes", 8, "is a block scalar")]
    [InlineData("shared.deeper", 3, "carries the anchor &tag")]
    [InlineData("notes.deeper", 8, "is a scalar ('multi")]
    [InlineData("items[3]", 14, "has 1 item(s), so there is no item [3]")]
    [InlineData("items.key", 14, "is a sequence; address its items with [index]")]
    [InlineData("flow[0]", 11, "is a mapping, not a sequence")]
    [InlineData("flow", 11, "is a mapping, not a scalar value")]
    [InlineData("flow.list", 11, "is a sequence, not a scalar value")]
    [InlineData("missing[0]", null, "sequence items are not created")]
    public void Is_refused_naming_the_line_and_the_reason(string path, int? line, string reason)
    {
        var document = ValuesDocument.Parse(Anchors, "values.yaml");

        var refusal = FluentActions.Invoking(() => document.Set(path, "2.0.0")).Should().Throw<ValuesEditException>().Which;

        refusal.Message.Should().StartWith("values.yaml").And.Contain(reason);
        refusal.FileName.Should().Be("values.yaml");
        refusal.Line.Should().Be(line);
    }

    [Fact]
    public void Walking_into_a_plain_scalar_is_refused()
    {
        var document = ValuesDocument.Parse("image:\n  tag: 1.2.3\n", "values.yaml");

        FluentActions.Invoking(() => document.Set("image.tag.major", "2"))
            .Should().Throw<ValuesEditException>().WithMessage("values.yaml, line 2, column 8: 'image.tag' is a scalar ('1.2.3'), so it has no key 'major'");
    }

    [Fact]
    public void A_duplicate_key_on_the_path_is_refused()
    {
        var document = ValuesDocument.Parse("image:\n  tag: a\n  tag: b\n", "values.yaml");

        FluentActions.Invoking(() => document.Set("image.tag", "c"))
            .Should().Throw<ValuesEditException>().WithMessage("*'tag' appears more than once in 'image' (lines 2, 3)*");
    }

    [Fact]
    public void A_document_that_does_not_exist_is_refused()
    {
        var document = ValuesDocument.Parse("a: 1\n---\nb: 2\n", "values.yaml");

        FluentActions.Invoking(() => document.Set("a", "3", document: 2))
            .Should().Throw<ValuesEditException>().WithMessage("*there is no document 2: the text has 2 document(s)*");
    }

    [Fact]
    public void An_anchored_scalar_that_nothing_reads_can_be_edited()
    {
        var edit = ValuesDocument.Parse("a: &x 1.0\nb: 2\n").Set("a", "1.1");

        edit.Text.Should().Be("a: &x 1.1\nb: 2\n");
    }

    [Fact]
    public void A_marker_on_an_alias_is_refused()
    {
        var document = ValuesDocument.Parse("base: &t 1.0\napi:\n  tag: *t # slipway:image=api\n", "values.yaml");

        FluentActions.Invoking(() => document.SetMarked("api", "2.0", MarkerPart.Tag))
            .Should().Throw<ValuesEditException>().WithMessage("*'api.tag' is the alias *t*");
    }

    [Fact]
    public void A_component_without_marker_is_an_error_naming_the_expected_comment()
    {
        var document = ValuesDocument.Parse("image:\n  tag: 1.0 # slipway:image=api\n", "values.yaml");

        FluentActions.Invoking(() => document.SetMarked("worker", "2.0", MarkerPart.Tag))
            .Should().Throw<ValuesEditException>().WithMessage("values.yaml: no value is marked for 'worker' (expected a comment such as '# slipway:image=worker'*");
    }

    [Fact]
    public void A_refused_edit_leaves_the_file_untouched()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.File("values.yaml");
        File.WriteAllText(file, Anchors);
        var before = File.ReadAllBytes(file);

        FluentActions.Invoking(() => ValuesFile.Set(file, "api.tag", "2.0.0")).Should().Throw<ValuesEditException>();

        File.ReadAllBytes(file).Should().Equal(before);
    }
}
