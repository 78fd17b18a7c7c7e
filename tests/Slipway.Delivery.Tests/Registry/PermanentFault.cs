namespace Slipway.Delivery.Tests.Registry;

/// <summary>The same fault, every time, for the requests that match: an outage retries cannot outlast.</summary>
internal sealed class PermanentFault(Func<HttpHead, bool> matches, Fault fault) : IFaultPlan
{
    private int _injected;

    public int Injected => _injected;

    public Fault Decide(HttpHead request)
    {
        if (!matches(request)) return Fault.None;
        Interlocked.Increment(ref _injected);
        return fault;
    }
}
