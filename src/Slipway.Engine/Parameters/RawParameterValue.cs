namespace Slipway.Engine;

/// <summary>Text values for one parameter and where they came from (shown in errors and verbose output).</summary>
public sealed record RawParameterValue(IReadOnlyList<string> Values, string Source, string BaseDirectory);
