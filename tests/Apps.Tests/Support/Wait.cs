using System.Net;

namespace Slipway.Sample.Tests.Support;

/// <summary>Polling for what a running app reaches on its own (ready, an order processed).</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} within {seconds} s");
            await Task.Delay(200);
        }
    }

    public static Func<Task<bool>> Ready(RunningApp app) => async ()
        => (await app.Client.GetAsync("healthz/ready")).StatusCode == HttpStatusCode.OK;
}
