using System.Formats.Tar;
using FluentAssertions;
using Slipway.Delivery.Containers;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>The build context: which files it holds after .dockerignore, and a digest that moves exactly when they do.</summary>
public sealed class BuildContextTests : IDisposable
{
    private static readonly string[] Always = ["Dockerfile", ".dockerignore"];
    private readonly ThrowawayComponent _context = new ThrowawayComponent("context")
        .Write("Dockerfile", "FROM scratch\nCOPY . /\n")
        .Write(".dockerignore", "Dockerfile\n*.log\ncache/\n")
        .Write("app/a.txt", "a")
        .Write("app/b.txt", "b")
        .Write("run.log", "ignored")
        .Write("cache/blob", "ignored");

    private string Digest(params string[] extraInputs) => BuildContext.Collect(_context.Context, Always).Digest(extraInputs);

    [Fact]
    public void It_holds_the_files_docker_would_receive_sorted_with_the_Dockerfile_even_when_ignored() =>
        BuildContext.Collect(_context.Context, Always).Files.Should().Equal(".dockerignore", "Dockerfile", "app/a.txt", "app/b.txt");

    [Fact]
    public void An_extra_filter_leaves_more_out() =>
        BuildContext.Collect(_context.Context, Always, exclude: path => path.StartsWith("app/b", StringComparison.Ordinal))
            .Files.Should().Equal(".dockerignore", "Dockerfile", "app/a.txt");

    [Fact]
    public void The_digest_is_stable_across_collections_timestamps_and_creation_order()
    {
        var before = Digest("arg:X=1");
        foreach (var file in Directory.EnumerateFiles(_context.Context, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-3));
        _context.Delete("app/a.txt").Write("app/a.txt", "a");

        Digest("arg:X=1").Should().Be(before).And.MatchRegex("^sha256:[0-9a-f]{64}$");
    }

    [Fact]
    public void Ignored_files_do_not_move_the_digest()
    {
        var before = Digest();
        _context.Write("run.log", "changed").Write("cache/other", "new").Write("cache/blob", "changed");

        Digest().Should().Be(before);
    }

    [Fact]
    public void Content_names_and_extra_inputs_each_move_the_digest()
    {
        var original = Digest("arg:X=1");
        var digests = new List<string> { original };

        _context.Write("app/a.txt", "A");
        digests.Add(Digest("arg:X=1"));
        _context.Write("app/a.txt", "a");
        Digest("arg:X=1").Should().Be(original);

        _context.Delete("app/b.txt").Write("app/c.txt", "b");
        digests.Add(Digest("arg:X=1"));
        _context.Delete("app/c.txt").Write("app/b.txt", "b");

        digests.Add(Digest("arg:X=2"));
        digests.Add(Digest("arg:X=1", "from:base@sha256:0"));
        _context.Write("Dockerfile", "FROM scratch\n");
        digests.Add(Digest("arg:X=1"));

        digests.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_executable_bit_moves_the_digest()
    {
        if (OperatingSystem.IsWindows()) return;
        var script = _context.Context / "app/a.txt";
        var before = Digest();

        File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute);

        Digest().Should().NotBe(before);
    }

    [Fact]
    public async Task The_tar_holds_exactly_the_context_files()
    {
        var context = BuildContext.Collect(_context.Context, Always);
        using var tar = await context.ToTarAsync(CancellationToken.None);
        var entries = new Dictionary<string, string>();
        using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync() is { } entry)
            entries[entry.Name] = new StreamReader(entry.DataStream!).ReadToEnd();

        entries.Keys.Should().Equal(context.Files);
        entries["app/b.txt"].Should().Be("b");
    }

    public void Dispose() => _context.Dispose();
}
