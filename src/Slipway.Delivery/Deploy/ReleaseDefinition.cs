using Slipway.Delivery.Components;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// A Helm release of the system: its umbrella chart, which components' images and tag files it takes, and whether
/// later releases wait for it (the base products are waited for before the apps' hook Jobs need them).
/// </summary>
public sealed record ReleaseDefinition(string Name, AbsolutePath Chart, ComponentKind Components)
{
    /// <summary>The release name in an environment's namespace.</summary>
    public string ReleaseName => Name;
    public bool WaitForJobs { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
