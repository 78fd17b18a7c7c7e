namespace Slipway.Engine;

/// <summary>Logging for targets and clients: goes to the current run's output, masked and attributed to the running target.</summary>
public static class Log
{
    public static void Debug(string message) => BuildOutput.Current.Write(LogLevel.Debug, message);
    public static void Information(string message) => BuildOutput.Current.Write(LogLevel.Information, message);
    public static void Success(string message) => BuildOutput.Current.Write(LogLevel.Success, message);
    public static void Warning(string message) => BuildOutput.Current.Write(LogLevel.Warning, message);
    public static void Error(string message) => BuildOutput.Current.Write(LogLevel.Error, message);
}
