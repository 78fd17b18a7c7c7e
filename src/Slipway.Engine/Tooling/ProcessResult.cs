namespace Slipway.Engine;

public sealed record OutputLine(bool IsError, string Text);

/// <summary>A finished process: exit code and captured (masked) output.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, IReadOnlyList<OutputLine> Output, TimeSpan Duration)
{
    public string StandardOutput => string.Join('\n', Output.Where(l => !l.IsError).Select(l => l.Text));
    public string StandardError => string.Join('\n', Output.Where(l => l.IsError).Select(l => l.Text));
    public bool Succeeded => ExitCode == 0;
}
