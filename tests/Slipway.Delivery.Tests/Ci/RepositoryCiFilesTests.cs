using FluentAssertions;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>This repository's CI files are what its build generates: stale files cannot land.</summary>
public sealed class RepositoryCiFilesTests
{
    [Fact]
    public void GenerateCi_check_passes_on_the_repository()
    {
        var result = ProcessRunner.Run(Path.Combine(RepositoryRoot.Path, "build.sh"), ["GenerateCi", "--check", "--no-logo"],
            new ProcessOptions { WorkingDirectory = RepositoryRoot.Path, LogOutput = false, LogInvocation = false, AllowFailure = true, Timeout = TimeSpan.FromMinutes(5) });

        result.ExitCode.Should().Be(0, "the committed CI files must match the build; run ./build.sh GenerateCi\n" + result.StandardOutput);
        result.StandardOutput.Should().Contain("CI files are current");
    }
}
