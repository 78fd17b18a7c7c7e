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

    /// <summary>
    /// Deployed from this published chart instead of <see cref="Chart"/>'s folder (an environment's choice).
    /// </summary>
    public Charts.PublishedChart? Published { get; init; }

    /// <summary>The chart argument of helm: the published chart's reference, else the folder.</summary>
    public string ChartArgument => Published?.Reference ?? Chart;

    /// <summary>The arguments that go with <see cref="ChartArgument"/> (the published version).</summary>
    public IReadOnlyList<string> ChartFlags => Published?.HelmArguments ?? [];
}
