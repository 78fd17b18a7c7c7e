namespace Slipway.Engine;

/// <summary>How a failure is shown: expected failures by their message, unexpected ones with their stack trace.</summary>
internal static class ErrorText
{
    public static string Describe(Exception e, Verbosity verbosity)
    {
        if (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        var expected = e is TargetFailedException or UsageException or BuildDefinitionException;
        if (expected && verbosity < Verbosity.Verbose) return e.Message;
        return expected ? e.ToString() : $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
    }
}
