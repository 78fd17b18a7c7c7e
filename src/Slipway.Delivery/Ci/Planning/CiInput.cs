namespace Slipway.Delivery.Ci.Planning;

/// <summary>A variable a job reads from the CI's settings: <paramref name="Variable"/> in the job, <paramref name="Source"/> the CI variable or secret.</summary>
public sealed record CiInput(string Variable, string Source, bool IsSecret);
