using Slipway.Engine;

namespace Slipway.Delivery.Ci.Planning;

/// <summary>
/// A job declared per component becomes one job per component (<c>images-orders-api</c>, running <c>--component
/// orders-api</c>), each run only when that component's inputs changed. A job that needed it needs all of them, as
/// optional (an unchanged component's job does not run), and what it needed, so it still waits for the tests when
/// no image is built.
/// </summary>
internal static class ComponentJobs
{
    public static IReadOnlyList<CiJob> Expand(IReadOnlyList<CiJob> jobs, CiBuildFacts facts)
    {
        var parts = new Dictionary<string, IReadOnlyList<CiJob>>();
        var result = new List<CiJob>();
        foreach (var job in jobs)
        {
            var needs = job.Needs.SelectMany(need => parts.TryGetValue(need.JobId, out var split)
                    ? split.Select(part => new CiNeed(part.Id, Optional: true))
                        .Concat(jobs.First(j => j.Id == need.JobId).Needs.Select(n => n with { Artifacts = false }))
                    : [need])
                .DistinctBy(need => need.JobId).ToList();
            var rewired = job with { Needs = needs };
            if (!job.PerComponent)
            {
                result.Add(rewired);
                continue;
            }
            if (facts.Components.Count == 0)
                throw new BuildDefinitionException($"CI job '{job.Id}' runs per component, but the build has none.");
            var variable = facts.ParameterNamed("Component").Variable;
            parts[job.Id] = facts.Components.Select(component => rewired with
            {
                Id = CiNames.ForComponent(job.Id, component.Name),
                Variables = [.. rewired.Variables, new(variable, component.Name)],
                Component = new CiComponentJob(job.Id, component, variable),
            }).ToList();
            result.AddRange(parts[job.Id]);
        }
        var duplicate = result.GroupBy(j => j.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate == null ? result
            : throw new BuildDefinitionException(
                $"Two CI jobs are named '{duplicate.Key}': rename the component or the job.");
    }
}
