using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

/// <summary>For every scalar of every corpus file, an edit changes that scalar's bytes and nothing else.</summary>
public sealed class EveryScalarEditTests
{
    public static TheoryData<string, string> InputsAndValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var input in Corpus.Inputs())
        {
            data.Add(input, "edited-7f3a");          // stays plain where the scalar was plain
            data.Add(input, "needs: quoting # here"); // forces quotes around plain scalars
            data.Add(input, "0123");                  // would read as a number unquoted
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InputsAndValues))]
    public void Editing_one_scalar_changes_only_its_own_bytes(string input, string newValue)
    {
        var text = ExactText.Read(Corpus.PathOf(input));
        var document = ValuesDocument.Parse(text, input);
        var scalars = document.Scalars().ToList();
        scalars.Should().HaveCount(YamlDotNetReading.ValueScalarCount(text),
            $"{input}: every value scalar another parser reads is visited");
        var edited = 0;

        foreach (var (path, index, scalar) in scalars)
        {
            ValuesEdit edit;
            try
            {
                edit = document.Set(path, newValue, index);
            }
            catch (ValuesEditException refused)
            {
                IsRefusable(document, path, index, scalar).Should().BeTrue($"{input} {path} (line {scalar.Line}) was refused: {refused.Message}");
                continue;
            }
            IsRefusable(document, path, index, scalar).Should().BeFalse($"{input} {path} should have been refused");
            edited++;

            var prefix = CommonPrefix(text, edit.Text);
            var suffix = CommonSuffix(text, edit.Text, prefix);
            prefix.Should().BeGreaterThanOrEqualTo(scalar.ValueStart - 1, $"{input} {path}: bytes before the scalar changed");
            (text.Length - suffix).Should().BeLessThanOrEqualTo(scalar.ValueEnd, $"{input} {path}: bytes after the scalar changed");

            var reread = ValuesDocument.Parse(edit.Text, input);
            reread.Get(path, index).Should().Be(newValue, $"{input} {path} reads back");
            foreach (var (otherPath, otherIndex, other) in scalars.Where(s => !(s.Path.Equals(path) && s.Document == index)))
                reread.Get(otherPath, otherIndex).Should().Be(other.Value, $"{input}: editing {path} must not change {otherPath}");
        }
        if (input != "comments-only.yaml") edited.Should().BeGreaterThan(0, $"{input} has editable scalars");
    }

    [Fact]
    public void The_corpus_holds_the_inputs_the_theory_walks()
    {
        var inputs = Corpus.Inputs().ToList();

        inputs.Should().HaveCountGreaterThanOrEqualTo(11);
        InputsAndValues().Should().HaveCount(inputs.Count * 3);
        inputs.Sum(input => YamlDotNetReading.ValueScalarCount(ExactText.Read(Corpus.PathOf(input))))
            .Should().BeGreaterThan(90);
    }

    /// <summary>Block scalars, and scalars in or under an anchored node that an alias reads, are refused by design.</summary>
    private static bool IsRefusable(ValuesDocument document, KeyPath path, int index, ScalarNode scalar) =>
        scalar.IsBlock || Enumerable.Range(1, path.Segments.Count)
            .Select(count => document.ReadNode(path.Take(count), index))
            .Any(node => node is { Anchor: not null, FirstReference: not null });

    private static int CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length]) length++;
        return length;
    }

    private static int CommonSuffix(string a, string b, int prefix)
    {
        var length = 0;
        while (length < a.Length - prefix && length < b.Length - prefix && a[^(length + 1)] == b[^(length + 1)]) length++;
        return length;
    }
}
