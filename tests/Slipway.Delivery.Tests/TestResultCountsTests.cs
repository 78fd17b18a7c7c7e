using FluentAssertions;
using Slipway.Delivery.Dotnet;
using Xunit;

namespace Slipway.Delivery.Tests;

public sealed class TestResultCountsTests
{
    [Fact]
    public void Totals_add_up_over_every_trx_file()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(directory, "a.trx"), Trx(passed: 3, failed: 1, notExecuted: 2));
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        File.WriteAllText(Path.Combine(directory, "sub", "b.trx"), Trx(passed: 4, failed: 0, notExecuted: 0));

        var counts = TestResultCounts.Read(directory);

        counts.Should().Be(new TestResultCounts(7, 1, 2));
        counts.ToString().Should().Be("Tests: 7 passed, 1 failed, 2 skipped");
        Directory.Delete(directory, true);
    }

    private static string Trx(int passed, int failed, int notExecuted) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <ResultSummary outcome="Completed">
            <Counters total="{passed + failed + notExecuted}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="{notExecuted}" />
          </ResultSummary>
        </TestRun>
        """;
}
