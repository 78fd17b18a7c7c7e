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
