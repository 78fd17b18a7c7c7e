namespace Slipway.Delivery.Tests.Registry;

/// <summary>What the proxy does to one request.</summary>
internal enum Fault
{
    None,
    /// <summary>Answers 503 itself; the registry never sees the request.</summary>
    Unavailable,
    /// <summary>Forwards the head and half the body (none without one), then resets both connections.</summary>
    DropRequest,
    /// <summary>Forwards the request, relays the response head and half its body, then resets the connection.</summary>
    DropResponse,
}

/// <summary>Decides the fault for each request the proxy receives.</summary>
internal interface IFaultPlan
{
    Fault Decide(HttpHead request);
}
