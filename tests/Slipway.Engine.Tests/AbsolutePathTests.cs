using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

public sealed class AbsolutePathTests
{
    [Fact]
    public void Private_files_are_readable_by_their_owner_only_and_rewritten_only_when_changed()
    {
        var directory = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-path-").FullName);
        var file = directory / "nested" / "credentials";

        file.WritePrivateText("user:secret");
        file.WritePrivateTextIfChanged("user:secret").Should().BeFalse();
        file.WritePrivateTextIfChanged("user:other").Should().BeTrue();

        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        file.ReadAllText().Should().Be("user:other");
        Directory.Delete(directory, recursive: true);
    }
}
