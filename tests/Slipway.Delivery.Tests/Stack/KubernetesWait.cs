using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Tests.Stack;

internal static class KubernetesWait
{
    /// <summary>Polls until the condition holds for the object at the path, or fails with its last state.</summary>
    public static async Task<JsonObject> UntilAsync(KubernetesClient client, string path, Func<JsonObject, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.TryGetAsync(path);
            if (last != null && condition(last)) return last;
            await Task.Delay(250);
        }
        throw new TimeoutException($"{path} did not reach the expected state. Last: {last?["status"]?.ToJsonString()}");
    }

    public static async Task<IReadOnlyList<JsonObject>> UntilListAsync(KubernetesClient client, string path, string? labelSelector,
        Func<IReadOnlyList<JsonObject>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        IReadOnlyList<JsonObject> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await client.ListAsync(path, labelSelector);
            if (condition(last)) return last;
            await Task.Delay(250);
        }
        throw new TimeoutException($"{path} ({labelSelector}) did not reach the expected state. Last: {string.Join("; ", last.Select(o => o["status"]?.ToJsonString()))}");
    }

    /// <summary>Polls until the object at the path no longer exists (a namespace finishing its termination).</summary>
    public static async Task UntilGoneAsync(KubernetesClient client, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await client.TryGetAsync(path) == null) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"{path} still exists after {timeout.TotalSeconds:0} s");
    }
}
