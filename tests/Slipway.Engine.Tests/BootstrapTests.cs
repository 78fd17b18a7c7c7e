using FluentAssertions;
using Xunit;

namespace Slipway.Engine.Tests;

/// <summary>The real ./build.sh of this repository: bootstrap, CLI and exit codes as a user sees them.</summary>
public sealed class BootstrapTests
{
    private static ProcessResult BuildSh(params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepositoryRoot.Path, "build.sh"), args,
            new ProcessOptions { WorkingDirectory = RepositoryRoot.Path, LogOutput = false, LogInvocation = false, AllowFailure = true, Timeout = TimeSpan.FromMinutes(3) });

    [Fact]
    public void Help_exits_0_and_lists_targets_and_parameters()
    {
        var result = BuildSh("--help");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().MatchRegex(@"Test( \*)?\s+Run every test project").And.MatchRegex(@"--configuration\s+string");
    }

    [Fact]
    public void The_compiled_build_is_precompiled_ReadyToRun()
    {
        BuildSh("--help").ExitCode.Should().Be(0);
        var temp = Path.Combine(RepositoryRoot.Path, ".nuke/temp");
        var fallback = Path.Combine(temp, "build-compile-r2r.log");
        File.Exists(fallback).Should().BeFalse("build.sh fell back to a JIT build: " + (File.Exists(fallback) ? File.ReadAllText(fallback) : ""));

        foreach (var assembly in new[] { "_build.dll", "Slipway.Engine.dll", "Slipway.Delivery.dll" })
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(temp, "bin", assembly)));
            pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size.Should().BePositive($"{assembly} carries native code (a ReadyToRun header)");
        }
    }

    [Fact]
    public void Plan_prints_an_order_and_writes_the_mermaid_graph()
    {
        var result = BuildSh("--plan", "Test", "--no-logo");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().MatchRegex(@"1\. Compile[\s\S]*StackUp[\s\S]*\d\. Test \(invoked\)");
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".nuke/temp/plan.mmd")).Should().Contain("Compile --> Test");
    }

    [Fact]
    public void An_unknown_target_exits_2_with_a_suggestion()
    {
        var result = BuildSh("Tset");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.StandardOutput.Should().Contain("Did you mean 'Test'?");
    }

    [Fact]
    public void Launch_profiles_exist_for_every_listed_target()
    {
        var launchSettings = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "build/Properties/launchSettings.json"));
        var schema = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".nuke/build.schema.json"));

        foreach (var target in new[] { "Compile", "Test", "Clean" })
        {
            launchSettings.Should().Contain($"\"commandLineArgs\": \"{target} --no-logo\"");
            schema.Should().Contain($"\"{target}\"");
        }
        schema.Should().Contain("\"Configuration\"");
    }
}
