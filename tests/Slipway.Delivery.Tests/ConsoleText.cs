namespace Slipway.Delivery.Tests;

internal static class ConsoleText
{
    /// <summary>A build's output as one line: the console wraps long lines at 120 columns.</summary>
    public static string OneLine(string output) => output.ReplaceLineEndings(" ").Replace("  ", " ");
}
