namespace Slipway.Engine;

public enum Verbosity
{
    /// <summary>Warnings, errors and the summary.</summary>
    Quiet,
    Normal,
    /// <summary>Also debug lines: command lines, decisions, timings of steps.</summary>
    Verbose,
}

public enum LogLevel { Debug, Information, Warning, Error, Success }
