using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

public interface ITest : ICompile
{
    [Parameter("Only run tests matching this dotnet test filter, e.g. FullyQualifiedName~Engine")]
    string? TestFilter => TryGetValue(() => TestFilter);

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    Target Test => _ => _
        .Description("Run every test project of the solution")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(async ct =>
        {
            TestResultsDirectory.CleanDirectory();
            var arguments = new List<string>
            {
                "test", Solution, "--configuration", Configuration, "--no-build", "--nologo",
                "--logger", "trx", "--logger", "console;verbosity=normal", "--results-directory", TestResultsDirectory,
            };
            if (TestFilter != null) arguments.AddRange(["--filter", TestFilter]);
            Exception? failure = null;
            try
            {
                await ProcessRunner.RunAsync("dotnet", arguments, new ProcessOptions { WorkingDirectory = RootDirectory }, ct);
            }
            catch (ProcessException e)
            {
                failure = e;
            }
            var totals = TestResultCounts.Read(TestResultsDirectory);
            Log.Information(totals.ToString());
            File.WriteAllText(TestResultsDirectory / "summary.txt", totals + "\n");
            if (failure != null) throw new TargetFailedException($"Tests failed: {totals}.", failure);
            if (totals.Total == 0) throw new TargetFailedException("No test ran: check the solution's test projects and the filter.");
        });
}
