using FluentAssertions;
using Slipway.Delivery.Containers;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>.dockerignore as Docker applies it (moby's patternmatcher): each case is what `docker build` would send or leave out.</summary>
public sealed class DockerIgnoreTests
{
    private static DockerIgnore Rules(params string[] lines) => new(lines);

    [Theory]
    [InlineData("a.log", true)]
    [InlineData("logs/a.log", false)]          // * does not cross a /
    [InlineData("a.log.txt", false)]
    public void A_star_pattern_matches_within_one_directory(string path, bool excluded) =>
        Rules("*.log").IsExcluded(path).Should().Be(excluded);

    [Theory]
    [InlineData("a.log", true)]                // **/ also matches no directory at all
    [InlineData("x/a.log", true)]
    [InlineData("x/y/z/a.log", true)]
    [InlineData("x/a.txt", false)]
    public void A_double_star_spans_any_number_of_directories(string path, bool excluded) =>
        Rules("**/*.log").IsExcluded(path).Should().Be(excluded);

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("a/x/b", true)]
    [InlineData("a/x/y/b", true)]
    [InlineData("a/x/b/c.txt", true)]          // under a matched directory
    [InlineData("b", false)]
    public void A_double_star_in_the_middle(string path, bool excluded) =>
        Rules("a/**/b").IsExcluded(path).Should().Be(excluded);

    [Theory]
    [InlineData("bin/app.dll", true)]
    [InlineData("bin/Release/net10.0/app.dll", true)]
    [InlineData("src/bin/app.dll", false)]     // anchored at the context root
    [InlineData("binary.txt", false)]
    public void A_directory_pattern_excludes_everything_under_it(string path, bool excluded)
    {
        Rules("bin").IsExcluded(path).Should().Be(excluded);
        Rules("bin/").IsExcluded(path).Should().Be(excluded);
        Rules("/bin").IsExcluded(path).Should().Be(excluded);
        Rules("./bin").IsExcluded(path).Should().Be(excluded);
    }

    [Theory]
    [InlineData("README.md", false)]
    [InlineData("CHANGES.md", true)]
    [InlineData("docs/guide.md", false)]
    public void A_negation_brings_a_file_back(string path, bool excluded) =>
        Rules("*.md", "!README.md").IsExcluded(path).Should().Be(excluded);

    [Fact]
    public void The_last_matching_rule_wins()
    {
        Rules("*.txt", "!keep.txt").IsExcluded("keep.txt").Should().BeFalse();
        Rules("!keep.txt", "*.txt").IsExcluded("keep.txt").Should().BeTrue();
        Rules("*.txt", "!keep*.txt", "keep-not.txt").IsExcluded("keep-not.txt").Should().BeTrue();
        Rules("*.txt", "!keep*.txt", "keep-not.txt").IsExcluded("keep-this.txt").Should().BeFalse();
    }

    [Theory]
    [InlineData("Dockerfile", false)]
    [InlineData("publish/app.dll", false)]
    [InlineData("publish/runtimes/linux-x64/native.so", false)]
    [InlineData("base/etc/app.json", false)]
    [InlineData("base/README.md", true)]
    [InlineData("Program.cs", true)]
    [InlineData("obj/project.assets.json", true)]
    public void Everything_but_an_allow_list(string path, bool excluded) =>
        Rules("# the sample apps' .dockerignore", "*", "!Dockerfile", "!publish", "!publish/**", "!base", "!base/**", "base/README.md")
            .IsExcluded(path).Should().Be(excluded);

    [Fact]
    public void A_file_inside_an_excluded_directory_can_be_re_included()
    {
        var rules = Rules("docs", "!docs/keep.md");
        rules.IsExcluded("docs/keep.md").Should().BeFalse();
        rules.IsExcluded("docs/other.md").Should().BeTrue();
        rules.IsExcluded("docs/sub/keep.md").Should().BeTrue();
    }

    [Theory]
    [InlineData("file1.txt", true)]
    [InlineData("file10.txt", false)]
    [InlineData("filea.txt", true)]
    [InlineData("fileb.txt", false)]
    [InlineData("file/.txt", false)]
    public void Character_classes_match_one_character(string path, bool excluded) =>
        Rules("file[0-9].txt", "file[^0-9b/].txt").IsExcluded(path).Should().Be(excluded);

    [Theory]
    [InlineData("note1.md", true)]
    [InlineData("note12.md", false)]
    [InlineData("notes/1.md", false)]          // ? does not match a /
    public void A_question_mark_matches_one_character(string path, bool excluded) =>
        Rules("note?.md").IsExcluded(path).Should().Be(excluded);

    [Theory]
    [InlineData("x!.txt", true)]               // Go's filepath.Match negates with ^ only: ! is an ordinary character
    [InlineData("xa.txt", false)]
    public void An_exclamation_mark_in_a_class_is_literal(string path, bool excluded) =>
        Rules("x[!]*.txt").IsExcluded(path).Should().Be(excluded);

    [Fact]
    public void Comments_blank_lines_and_surrounding_spaces_are_ignored()
    {
        var rules = Rules("", "   ", "# secret.txt", "  secret.txt  ", "!");
        rules.IsExcluded("secret.txt").Should().BeTrue();
        rules.IsExcluded("# secret.txt").Should().BeFalse();
        rules.IsExcluded("other.txt").Should().BeFalse();
    }

    [Fact]
    public void No_rules_exclude_nothing() =>
        Rules().IsExcluded("anything/at/all").Should().BeFalse();
}
