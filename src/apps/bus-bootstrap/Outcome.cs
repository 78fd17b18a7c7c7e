namespace Slipway.Sample.BusBootstrap;

/// <summary>What ensuring one thing did; each is one line of the Job's log.</summary>
public enum Outcome { Created, AlreadyExists, Applied, UpToDate }

/// <summary>Counts the outcomes and prints one line per thing: <c>  &lt;what&gt;: created</c> and so on.</summary>
public sealed class Report(TextWriter output)
{
    readonly Dictionary<Outcome, int> _counts = [];

    public void Add(string what, Outcome outcome)
    {
        _counts[outcome] = Count(outcome) + 1;
        output.WriteLine($"  {what}: {Text(outcome)}");
    }

    public int Count(Outcome outcome) => _counts.GetValueOrDefault(outcome);

    public static string Text(Outcome outcome) => outcome switch
    {
        Outcome.Created => "created",
        Outcome.AlreadyExists => "already exists",
        Outcome.Applied => "applied",
        _ => "up to date",
    };
}
