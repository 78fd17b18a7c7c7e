using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>Compiles the build once (through <c>./build.sh --help</c>) before the tests that run it, so their timings are the command's own.</summary>
public sealed class CompiledBuild : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var run = await BuildScript.RunAsync("--help", "--no-logo");
        if (run.ExitCode != 0) throw new InvalidOperationException($"./build.sh --help failed, so the build does not compile or start:\n{run}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
