using System.Text.RegularExpressions;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>A finished build run (<c>./build.sh</c>, or in-process): exit code and everything it printed.</summary>
internal sealed partial record ScriptRun(int ExitCode, string Output)
{
    /// <summary>Whether the output holds <paramref name="text"/>, however the console wrapped it.</summary>
    public bool Says(string text) => Squashed.Contains(Whitespace().Replace(text, ""), StringComparison.Ordinal);

    /// <summary>The output without any whitespace, so a value wrapped over two lines is still found.</summary>
    public string Squashed => Whitespace().Replace(Output, "");

    public override string ToString() => $"exit {ExitCode}\n{Output}";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
