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
        if (IsNetwork(e) && verbosity < Verbosity.Verbose)
            return $"{Messages(e)} (a network failure; --verbosity verbose shows where it happened)";
        return expected ? e.ToString() : $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
    }

    private static bool IsNetwork(Exception e) =>
        e is System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException or TimeoutException;

    /// <summary>The message and those of its causes, each once: "Connection refused (127.0.0.1:5999): …".</summary>
    private static string Messages(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current != null; current = current.InnerException)
            if (!messages.Any(m => m.Contains(current.Message, StringComparison.Ordinal)))
                messages.Add(current.Message);
        return string.Join(": ", messages);
    }
}
