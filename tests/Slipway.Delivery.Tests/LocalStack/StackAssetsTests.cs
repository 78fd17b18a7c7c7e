using FluentAssertions;
using Slipway.Engine;
using Slipway.LocalStack;
using Xunit;

namespace Slipway.Delivery.Tests.LocalStack;

/// <summary>
/// The stack's scripts and pause source travel inside Slipway.LocalStack (a build from its package has no
/// src/Slipway.LocalStack), written once per content to the cache, scripts executable.
/// </summary>
public sealed class StackAssetsTests : IDisposable
{
    private readonly AbsolutePath _cache =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-assets-").FullName);
    private static string Sources => Path.Combine(RepositoryRoot.Path, "src", "Slipway.LocalStack");

    [Fact]
    public void Every_script_and_the_pause_source_are_written_as_in_the_repository()
    {
        var folder = StackAssets.In(_cache);

        var scripts = Directory.GetFiles(Path.Combine(Sources, "scripts"), "*.sh").Select(Path.GetFileName).ToList();
        scripts.Should().Contain(["spawn.sh", "kube-pki.sh", "runc-oom-clamp.sh"]);
        Directory.GetFiles(folder / "scripts").Select(Path.GetFileName).Should().BeEquivalentTo(scripts);
        foreach (var script in scripts)
        {
            var written = folder / "scripts" / script!;
            File.ReadAllBytes(written).Should().Equal(File.ReadAllBytes(Path.Combine(Sources, "scripts", script!)));
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(written).Should().HaveFlag(UnixFileMode.UserExecute, script);
        }
        File.ReadAllText(folder / "pause" / "pause.go").Should()
            .Be(File.ReadAllText(Path.Combine(Sources, "pause", "pause.go")));
        StackAssets.In(_cache).Should().Be(folder);
        var paths = new StackPaths(AbsolutePath.From(RepositoryRoot.Path), _cache);
        (paths.Scripts, paths.PauseSource).Should().Be((folder / "scripts", folder / "pause" / "pause.go"));
        Directory.GetDirectories(_cache / "localstack").Should().ContainSingle("the same content is written once");
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);
}
