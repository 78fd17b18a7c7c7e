using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

public interface ITest : ICompile
{
    [Parameter("Only run tests matching this dotnet test filter, e.g. FullyQualifiedName~Engine")]
    string? TestFilter => TryGetValue(() => TestFilter);

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    /// <summary>
    /// Tests in this xunit trait category (<c>[Trait("Category", …)]</c>) run after all others, alone: they stop and
    /// start shared servers (the local stack) that the other tests, run in parallel, rely on.
    /// </summary>
    const string RunAloneCategory = "RunsAlone";

    Target Test => _ => _
        .Description("Run every test project of the solution (tests that must run alone last)")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(ct => RunTestsAsync(TestFilter, ct));

    /// <summary>A dotnet test filter: <paramref name="condition"/>, within <paramref name="filter"/> if given.</summary>
    static string Narrowed(string? filter, string condition) =>
        filter == null ? condition : $"({filter})&({condition})";

    /// <summary>
    /// Runs the tests matching <paramref name="filter"/> (all when null): first those that may run in parallel,
    /// then the <see cref="RunAloneCategory"/> ones; writes the totals to test-results/summary.txt and fails when any
    /// test did.
    /// </summary>
    async Task RunTestsAsync(string? filter, CancellationToken ct)
    {
        TestResultsDirectory.CleanDirectory();
        Exception? failure = null;
        foreach (var phase in new[] { Narrowed(filter, $"Category!={RunAloneCategory}"),
                     Narrowed(filter, $"Category={RunAloneCategory}") })
        {
            var arguments = new List<string>
            {
                "test", Solution, "--configuration", Configuration, "--no-build", "--nologo",
                "--logger", "trx", "--logger", "console;verbosity=normal", "--results-directory", TestResultsDirectory,
                "--filter", phase,
            };
            try
            {
                await ProcessRunner.RunAsync("dotnet", arguments,
                    new ProcessOptions { WorkingDirectory = RootDirectory }, ct);
            }
            catch (ProcessException e)
            {
                failure ??= e;
            }
        }
        var totals = TestResultCounts.Read(TestResultsDirectory);
        Log.Information(totals.ToString());
        File.WriteAllText(TestResultsDirectory / "summary.txt", totals + "\n");
        if (failure != null) throw new TargetFailedException($"Tests failed: {totals}.", failure);
        if (totals.Total == 0)
            throw new TargetFailedException("No test ran: check the solution's test projects and the filter.");
    }
}
