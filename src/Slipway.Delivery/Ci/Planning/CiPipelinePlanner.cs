using Slipway.Engine;

namespace Slipway.Delivery.Ci.Planning;

/// <summary>
/// Turns a CI declaration and a build's target graph into jobs: each job's <c>needs</c> are the jobs running the targets
/// its own targets depend on (or run after), reduced to the nearest ones; it skips what its ancestors already did.
/// </summary>
public static class CiPipelinePlanner
{
    public static CiPipeline Plan(CiDeclaration declaration, CiBuildFacts facts)
    {
        var environments = CiEnvironments(declaration, facts);
        var jobs = new JobSet(facts.Graph);
        foreach (var job in declaration.ComponentPipelineJobs.Jobs.Where(j => Resolvable(j, facts.Graph)))
            jobs.Add(job, job.Id, environments.Where(e => job.RunsFor?.Invoke(e.Environment) ?? true).ToList(), deploysTo: null, isStop: false);
        var deployTargets = environments.Where(e => e.IsDeployTarget).ToList();
        foreach (var job in declaration.DeployPipelineJobs.Jobs.Where(j => Resolvable(j, facts.Graph)))
        foreach (var environment in deployTargets.Where(e => job.RunsFor?.Invoke(e.Environment) ?? true))
            jobs.Add(job, CiNames.ForEnvironment(job.Id, environment.Name), [environment], environment, isStop: false);
        if (declaration.DeployPipelineJobs.PreviewStop is { } stop && Resolvable(stop, facts.Graph))
            foreach (var environment in deployTargets.Where(e => e.Environment.IsPreview && (stop.RunsFor?.Invoke(e.Environment) ?? true)))
                jobs.Add(stop, CiNames.ForEnvironment(stop.Id, environment.Name), [environment], environment, isStop: true);

        var planned = ComponentJobs.Expand(jobs.All.Select(job => Build(job, jobs, facts)).ToList(), facts);
        var inputs = planned.SelectMany(j => j.Inputs).DistinctBy(i => i.Variable).ToList();
        return new CiPipeline(environments, jobs.All.Select(j => j.Stage).Distinct().ToList(), planned, inputs,
            facts.SdkVersion);
    }

    private static IReadOnlyList<CiEnvironment> CiEnvironments(CiDeclaration declaration, CiBuildFacts facts)
    {
        var fallback = declaration.UnmappedBranchesEnvironment;
        if (fallback != null)
        {
            var environment = facts.Environments.FirstOrDefault(e => e.Name.Equals(fallback, StringComparison.OrdinalIgnoreCase))
                ?? throw new BuildDefinitionException($"The CI declaration builds unmapped branches as '{fallback}', which is not one of the build's environments " +
                                                      $"({string.Join(", ", facts.Environments.Select(e => e.Name))}).");
            if (environment.Branches.Count > 0 || environment.TagPatterns.Count > 0)
                throw new BuildDefinitionException($"Environment '{environment.Name}' maps branches or tags itself: it cannot also take the branches no environment claims.");
        }
        var result = facts.Environments
            .Where(e => e.Branches.Count > 0 || e.TagPatterns.Count > 0 || e.Name.Equals(fallback, StringComparison.OrdinalIgnoreCase))
            .Select(e => new CiEnvironment(e, IsFallback: e.Name.Equals(fallback, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (result.Count == 0)
            throw new BuildDefinitionException("No environment maps a branch or tag, and the CI declaration names no environment for unmapped branches: CI would never run.");
        return result;
    }

    /// <summary>An optional job whose targets the build lacks is left out; any other unknown target is an error.</summary>
    private static bool Resolvable(CiJobDeclaration job, TargetGraph graph)
    {
        if (job.IsOptional && job.Targets.All(t => !graph.Contains(t))) return false;
        foreach (var name in job.Targets.Concat(job.Skips).Concat(job.FinallyTargets))
            if (!graph.Contains(name))
                throw new BuildDefinitionException($"CI job '{job.Id}' names target '{name}', which the build does not have." +
                                                   Suggestions.DidYouMean(name, graph.Targets.Select(t => t.Name)));
        return true;
    }

    private static CiJob Build(JobSet.Job job, JobSet jobs, CiBuildFacts facts)
    {
        var needs = new List<CiNeed>();
        var skips = (IReadOnlyList<string>?)null;
        foreach (var environment in job.Environments)
        {
            // what a job keeps (the compiled build) reaches every job after it, not only the next one
            foreach (var need in jobs.ReducedNeeds(job, environment).Concat(jobs.KeepersBefore(job, environment)))
                if (needs.All(n => n.JobId != need.Id))
                    needs.Add(new CiNeed(need.Id, Optional: job.Environments.Any(e => !jobs.RunsIn(need, e))));
            var environmentSkips = jobs.Skips(job, environment);
            if (skips != null && !skips.SequenceEqual(environmentSkips))
                throw new BuildDefinitionException(
                    $"CI job '{job.Id}' ({job.Declaration.RunsForText}) would skip {Describe(skips)} in one environment and {Describe(environmentSkips)} in '{environment.Name}': " +
                    "one job runs one command. Split it with Only/Except so each part has one set of earlier jobs.");
            skips = environmentSkips;
        }
        needs.Sort((a, b) => jobs.IndexOf(a.JobId).CompareTo(jobs.IndexOf(b.JobId)));

        var manual = job.IsStop || (job.DeploysTo is { Environment.Protections.ManualGate: true } gated &&
                                    !jobs.Needs(job, gated).Any(n => n.DeploysTo == gated));
        var inputs = job.Declaration.Reads.Select(facts.ParameterNamed).Select(p => new CiInput(p.Variable, p.Source, p.IsSecret)).ToList();
        if (job.DeploysTo != null) inputs.AddRange(EnvironmentInputs.For(job.DeploysTo.Environment, job.IsStop ? [] : facts.AppSecretVariables));

        return new CiJob
        {
            Id = job.Id,
            Stage = job.Stage,
            Targets = job.Declaration.Targets.Select(t => facts.Graph[t].Name).ToList(),
            Skips = skips ?? [],
            Needs = needs,
            Environments = job.Environments,
            DeploysTo = job.DeploysTo,
            Manual = manual,
            IsStop = job.IsStop,
            StopJobId = job.IsStop ? null : jobs.All.FirstOrDefault(s => s.IsStop && s.DeploysTo == job.DeploysTo && job.DeploysTo != null)?.Id,
            ArtifactPaths = ["artifacts/", .. job.Declaration.Keeps],
            Variables = job.Declaration.Parameters.Select(p => new KeyValuePair<string, string>(facts.ParameterNamed(p.Key).Variable, p.Value)).ToList(),
            Inputs = inputs.DistinctBy(i => i.Variable).ToList(),
            PushesCommits = job.Declaration.PushesCommits,
            UsesDocker = job.Declaration.UsesDocker,
            PerComponent = job.Declaration.FansOutPerComponent,
            RunnerLabels = job.Declaration.RunnerLabels,
            FinallyTargets = job.Declaration.FinallyTargets.Select(t => facts.Graph[t].Name).ToList(),
        };
    }

    private static string Describe(IReadOnlyList<string> skips) => skips.Count == 0 ? "nothing" : string.Join(" ", skips);
}
