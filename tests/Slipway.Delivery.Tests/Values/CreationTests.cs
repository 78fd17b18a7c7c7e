using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

/// <summary>Missing keys are added after the last entry of their mapping, indented and ended like the rest of the file.</summary>
public sealed class CreationTests
{
    [Theory]
    [InlineData("a: 1", "b", "a: 1\nb: x")]
    [InlineData("a: 1\n", "b", "a: 1\nb: x\n")]
    [InlineData("a: 1 # note\n\n# footer\n", "b", "a: 1 # note\nb: x\n\n# footer\n")]
    [InlineData("a:\n  b:\n    c: 1\n  d: 2\nz: 3\n", "a.e", "a:\n  b:\n    c: 1\n  d: 2\n  e: x\nz: 3\n")]
    [InlineData("a:\n  b:\n    c: 1\nz: 3\n", "a.b.d", "a:\n  b:\n    c: 1\n    d: x\nz: 3\n")]
    [InlineData("a:\n  b: |\n    text\n\nz: 3\n", "a.c", "a:\n  b: |\n    text\n  c: x\n\nz: 3\n")]
    [InlineData("a:\n  b: |+\n    text\n\nz: 3\n", "a.c", "a:\n  b: |+\n    text\n\n  c: x\nz: 3\n")]
    [InlineData("a:\n  b: >-\n    text\n    more\n\n\nz: 3\n", "a.c", "a:\n  b: >-\n    text\n    more\n  c: x\n\n\nz: 3\n")]
    [InlineData("a:\n    b: 1\n", "a.c.d", "a:\n    b: 1\n    c:\n        d: x\n")]
    [InlineData("a: # filled later\nz: 1\n", "a.b", "a: # filled later\n  b: x\nz: 1\n")]
    [InlineData("list:\n  - name: one\n    v: 1\n", "list[0].w", "list:\n  - name: one\n    v: 1\n    w: x\n")]
    [InlineData("list:\n- name: one\n", "list[0].w", "list:\n- name: one\n  w: x\n")]
    [InlineData("", "a.b", "a:\n  b: x\n")]
    [InlineData("\uFEFF", "a", "\uFEFFa: x\n")]
    [InlineData("# c\n# d", "a", "# c\n# d\na: x\n")]
    [InlineData("a: 1\r\n", "b.c", "a: 1\r\nb:\r\n  c: x\r\n")]
    public void Creates_missing_keys_in_place(string text, string path, string expected)
    {
        var edit = ValuesDocument.Parse(text).Set(path, "x");

        edit.Text.Should().Be(expected);
        edit.Changes.Should().ContainSingle().Which.Created.Should().BeTrue();
    }

    [Theory]
    [InlineData("podLabels: {}\n", "podLabels.team", "podLabels: {team: x}\n")]
    [InlineData("podLabels: { } # none yet\n", "podLabels.team", "podLabels: {team: x } # none yet\n")]
    [InlineData("podLabels: {}\n", "podLabels.a.b", "podLabels: {a: {b: x}}\n")]
    [InlineData("a: {x: 1}\nz: 2\n", "a.w", "a: {x: 1, w: x}\nz: 2\n")]
    [InlineData("a: {x: 1,  }\n", "a.w", "a: {x: 1, w: x  }\n")]
    [InlineData("a:\n  b: {x: [1, 2]}\n", "a.b.w", "a:\n  b: {x: [1, 2], w: x}\n")]
    [InlineData("a: {x: '}{', \"q\": \"\\\"}\"} # }\n", "a.w", "a: {x: '}{', \"q\": \"\\\"}\", w: x} # }\n")]
    [InlineData("a: {x: 1}\n", "a.y", "a: {x: 1, \"y\": x}\n")]
    public void Creates_missing_keys_inside_a_one_line_flow_mapping(string text, string path, string expected)
    {
        var edit = ValuesDocument.Parse(text).Set(path, "x");

        edit.Text.Should().Be(expected);
        edit.Changes.Should().ContainSingle().Which.Created.Should().BeTrue();
    }

    [Fact]
    public void A_value_a_flow_mapping_cannot_hold_plain_is_quoted_and_reads_back()
    {
        var edit = ValuesDocument.Parse("podLabels: {}\n").Set("podLabels.owner", "a, b {c}");

        ValuesDocument.Parse(edit.Text).Get("podLabels.owner").Should().Be("a, b {c}");
        edit.Text.Should().StartWith("podLabels: {owner: ").And.EndWith("}\n");
    }

    [Fact]
    public void A_flow_mapping_over_several_lines_is_refused_and_left_as_it_was()
    {
        var create = () => ValuesDocument.Parse("a: {x: 1,\n  y: 2}\n").Set("a.z", "x");

        create.Should().Throw<ValuesEditException>().WithMessage("*'z' is missing from the flow mapping*spans lines*");
    }

    [Fact]
    public void Creates_keys_in_an_empty_document_of_a_stream()
    {
        var edit = ValuesDocument.Parse("a: 1\n---\n---\nb: 2\n").Set("c", "x", document: 1);

        edit.Text.Should().Be("a: 1\n---\nc: x\n---\nb: 2\n");
    }

    [Fact]
    public void The_indent_step_is_the_one_the_file_uses_most()
    {
        var text = "a:\n    b: 1\nc:\n    d:\n        e: 1\nf:\n  g: 1\n";

        ValuesDocument.Parse(text).Set("f.h.i", "x").Text.Should().EndWith("f:\n  g: 1\n  h:\n      i: x\n");
    }
}
