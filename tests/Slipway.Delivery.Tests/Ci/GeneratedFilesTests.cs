using FluentAssertions;
using Slipway.Delivery.Ci;
using Slipway.Delivery.Ci.Files;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>Writing and checking the files on disk: --check reports stale, missing and orphaned files with a diff.</summary>
public sealed class GeneratedFilesTests : IDisposable
{
    private readonly AbsolutePath _root = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-ci-").FullName);

    [Fact]
    public void Written_files_check_clean_until_the_target_graph_changes()
    {
        RepositoryBuild.Generate().Write(_root);
        RepositoryBuild.Generate().Differences(_root).Should().BeEmpty();

        var changed = RepositoryBuild.Generate(new ImagesAfterTestBuild());
        var differences = changed.Differences(_root);

        differences.Should().NotBeEmpty();
        differences.Should().Contain(d => d.Contains("--- a/.gitlab-ci.yml") && d.Contains("+++ b/.gitlab-ci.yml") && d.Contains("@@ "));
        changed.Write(_root);
        changed.Differences(_root).Should().BeEmpty();
    }

    [Fact]
    public void A_hand_edit_shows_as_a_unified_diff()
    {
        var files = RepositoryBuild.Generate();
        files.Write(_root);
        var path = _root / ".gitlab-ci.yml";
        File.WriteAllText(path, File.ReadAllText(path).Replace("./build.sh Compile --no-logo", "./build.sh Compile --no-logo --verbosity verbose"));

        var difference = files.Differences(_root).Single();

        difference.Should().Contain("-    - ./build.sh Compile --no-logo --verbosity verbose\n+    - ./build.sh Compile --no-logo\n");
        difference.Split('\n').Count(l => l.StartsWith('-') && !l.StartsWith("---")).Should().Be(1);
    }

    [Fact]
    public void A_missing_file_and_a_workflow_no_longer_generated_are_reported_and_fixed_by_writing()
    {
        var files = RepositoryBuild.Generate();
        Directory.CreateDirectory(_root / ".github" / "workflows");
        File.WriteAllText(_root / ".github/workflows/old.yml", "# " + GeneratedFiles.Marker + " from …\nname: old\n");
        File.WriteAllText(_root / ".github/workflows/hand-written.yml", "name: mine\n");

        var differences = files.Differences(_root);

        differences.Should().Contain(d => d.StartsWith(".gitlab-ci.yml is missing."));
        differences.Should().Contain(d => d.StartsWith(".github/workflows/old.yml is a generated workflow the build no longer produces."));
        files.Write(_root).Should().Contain(".github/workflows/old.yml");
        File.Exists(_root / ".github/workflows/old.yml").Should().BeFalse();
        File.Exists(_root / ".github/workflows/hand-written.yml").Should().BeTrue();
        files.Differences(_root).Should().BeEmpty();
    }

    [Fact]
    public void Unified_diff_keeps_three_lines_of_context()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 10\n", "line ten\n");

        UnifiedDiff.Create(before, after, "a/f", "b/f").Should().Be(
            "--- a/f\n+++ b/f\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
