using System.Xml.Linq;

namespace Slipway.Delivery.Dotnet;

/// <summary>Totals over the .trx files of a test run, printed as "Tests: N passed, N failed, N skipped".</summary>
public sealed record TestResultCounts(int Passed, int Failed, int Skipped)
{
    public int Total => Passed + Failed + Skipped;

    public static TestResultCounts Read(string directory)
    {
        var counts = new TestResultCounts(0, 0, 0);
        if (!Directory.Exists(directory)) return counts;
        foreach (var file in Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(file).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters == null) continue;
            int Count(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
            var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
            counts = new TestResultCounts(counts.Passed + Count("passed"), counts.Failed + failed,
                counts.Skipped + Count("notExecuted"));
        }
        return counts;
    }

    public override string ToString() => $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped";
}
