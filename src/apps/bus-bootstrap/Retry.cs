namespace Slipway.Sample.BusBootstrap;

/// <summary>Connecting while a server may still be starting: retried every 2 s for a while, then the last
/// error.</summary>
public static class Retry
{
    public static async Task<T> ConnectAsync<T>(Func<Task<T>> connect, string what, TimeSpan wait, CancellationToken ct)
    {
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return await connect();
            }
            catch (Exception e) when (e is not OperationCanceledException && DateTime.UtcNow < until)
            {
                Console.Error.WriteLine($"bus-bootstrap: {what} is not reachable yet ({e.Message}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new BootstrapException($"{what} is not reachable after {wait.TotalSeconds:0} s: {e.Message}", e);
            }
        }
    }
}

/// <summary>A failure the Job reports in one line and exits 1 for.</summary>
public sealed class BootstrapException(string message, Exception? inner = null) : Exception(message, inner);
