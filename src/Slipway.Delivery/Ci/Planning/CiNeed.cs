namespace Slipway.Delivery.Ci.Planning;

/// <summary>
/// A job this one waits for and takes artifacts from (unless <paramref name="Artifacts"/> is false: it only waits);
/// optional when it is absent from some of the pipelines this job runs in.
/// </summary>
public sealed record CiNeed(string JobId, bool Optional, bool Artifacts = true);
