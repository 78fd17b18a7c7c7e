using System.Collections.Concurrent;

namespace Slipway.Engine;

/// <summary>
/// Values a run resolves once and hands to every target that needs them, so a value the user typed travels one
/// short path (components are interfaces and hold no fields: they keep such values here).
/// </summary>
public sealed class RunValues
{
    private readonly ConcurrentDictionary<string, Lazy<object?>> _values = new();
    private readonly ConcurrentStack<IAsyncDisposable> _held = new();

    /// <summary>The value stored under <paramref name="key"/>, resolving it the first time (once, even across threads).</summary>
    public T Get<T>(string key, Func<T> resolve) =>
        (T)_values.GetOrAdd(key, _ => new Lazy<object?>(() => resolve(), LazyThreadSafetyMode.ExecutionAndPublication)).Value!;

    /// <summary>Keeps <paramref name="resource"/> (a lock) until the run ends, whatever its outcome.</summary>
    public void HoldUntilEnd(IAsyncDisposable resource) => _held.Push(resource);

    /// <summary>Releases what the run held, the last taken first.</summary>
    internal async Task ReleaseHeldAsync()
    {
        while (_held.TryPop(out var resource))
        {
            try { await resource.DisposeAsync(); }
            catch (Exception e) { Log.Warning($"releasing {resource}: {e.Message}"); }
        }
    }
}
