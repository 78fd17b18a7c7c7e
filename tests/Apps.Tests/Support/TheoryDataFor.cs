namespace Slipway.Sample.Tests.Support;

/// <summary>xunit theory data from a list of strings.</summary>
public sealed class TheoryDataFor : Xunit.TheoryData<string>
{
    public TheoryDataFor(IEnumerable<string> values)
    {
        foreach (var value in values) Add(value);
    }
}
