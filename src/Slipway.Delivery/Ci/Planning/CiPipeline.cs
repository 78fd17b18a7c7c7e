namespace Slipway.Delivery.Ci.Planning;

/// <summary>Every job of the generated pipeline, for every environment, ready to be written for a CI system.</summary>
public sealed record CiPipeline(
    IReadOnlyList<CiEnvironment> Environments,
    IReadOnlyList<string> Stages,
    IReadOnlyList<CiJob> Jobs,
    IReadOnlyList<CiInput> Inputs,
    string? SdkVersion = null)
{
    public IEnumerable<CiJob> StopJobs => Jobs.Where(j => j.IsStop);
    public IEnumerable<CiJob> RunJobs => Jobs.Where(j => !j.IsStop);
    public CiJob this[string id] => Jobs.First(j => j.Id == id);
}
