using Slipway.Delivery.Ci.Planning;
using Slipway.Delivery.Ci.Yaml;

namespace Slipway.Delivery.Ci.GitHub;

/// <summary>
/// Writes a GitHub Actions workflow: a push of a branch or tag runs the jobs of its environment (SLIPWAY_ENV), each
/// job on a fresh runner with the NuGet cache, taking the artifacts of the jobs it needs and uploading its own.
/// </summary>
public static class GitHubWorkflowWriter
{
    private const string SkipCiGuard = "github.ref_type != 'branch' || !contains(github.event.head_commit.message, '[skip ci]')";

    public static string Write(CiPipeline pipeline, GitHubSettings settings, IReadOnlyList<string> header)
    {
        var fallback = pipeline.Environments.Any(e => e.IsFallback);
        var push = new YamlMapping()
            .Add("branches", YamlSequence.Of(fallback ? ["**"] : pipeline.Environments.SelectMany(e => e.Branches).Distinct(), flow: true))
            .Add("tags", pipeline.Environments.Any(e => e.TagPatterns.Count > 0) ? YamlSequence.Of(pipeline.Environments.SelectMany(e => e.TagPatterns).Distinct(), flow: true) : null);
        var jobs = new YamlMapping();
        var groups = GitHubJobGroups.Of(pipeline);
        foreach (var group in groups.All)
        {
            if (group.IsMatrix)
                jobs.Add(GitHubChangedComponents.JobId(group.Id), GitHubChangedComponents.Job(
                        group.Jobs.Select(j => j.Component!.Component).ToList(),
                        ChangesCondition(group.First, pipeline),
                        RunsOn(group.First, settings)), blankLineBefore: jobs.Entries.Count > 0,
                    comments: [$"The components whose inputs this push changed: the {group.Id} job's matrix."]);
            jobs.Add(group.Id, Job(group, groups, pipeline, settings), blankLineBefore: jobs.Entries.Count > 0,
                comments: GateNote(group));
        }
        var document = new YamlMapping()
            .Add("name", settings.Name)
            .Add("on", new YamlMapping().Add("push", push), blankLineBefore: true)
            .Add("permissions", new YamlMapping().Add("contents", "read"), blankLineBefore: true)
            .Add("env", new YamlMapping()
                .Add("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
                .Add("DOTNET_NOLOGO", "1")
                .Add(GitHubSteps.EnvironmentVariable, "${{ " + GitHubConditions.EnvironmentName(pipeline.Environments) + " }}"), blankLineBefore: true)
            .Add("jobs", jobs, blankLineBefore: true);
        return YamlEmitter.Emit(document, header);
    }

    /// <summary>
    /// <c>.github/actionlint.yaml</c> naming the self-hosted runner labels the jobs ask for, so actionlint knows them;
    /// null when every job runs on a hosted runner.
    /// </summary>
    public static string? WriteActionlintConfig(CiPipeline pipeline, IReadOnlyList<string> header)
    {
        var labels = pipeline.Jobs.SelectMany(j => j.RunnerLabels).Distinct().ToList();
        if (labels.Count == 0) return null;
        var document = new YamlMapping()
            .Add("self-hosted-runner", new YamlMapping().Add("labels", YamlSequence.Of(labels)));
        return YamlEmitter.Emit(document, header);
    }

    /// <summary>The workflow run when a branch is deleted: the stop jobs of preview environments; null when there are none.</summary>
    public static string? WriteStopPreview(CiPipeline pipeline, GitHubSettings settings, IReadOnlyList<string> header)
    {
        var stops = pipeline.StopJobs.ToList();
        if (stops.Count == 0) return null;
        var jobs = new YamlMapping();
        foreach (var job in stops)
        {
            var environment = job.DeploysTo!;
            jobs.Add(job.Id, new YamlMapping()
                .Add("if", GitHubConditions.DeletedBranchOf(environment))
                .Add("runs-on", RunsOn(job, settings))
                .Add("concurrency", Concurrency($"deploy-{environment.Name}-${{{{ github.event.ref }}}}"))
                .Add("env", Environment([job], previewBranch: "${{ github.event.ref }}"))
                .Add("steps", new YamlSequence([.. GitHubSteps.Setup(), GitHubSteps.Run(job.Command)])), blankLineBefore: jobs.Entries.Count > 0);
        }
        var document = new YamlMapping()
            .Add("name", settings.Name + "-stop-preview")
            .Add("on", YamlSequence.Of(["delete"], flow: true), blankLineBefore: true)
            .Add("permissions", new YamlMapping().Add("contents", "read"), blankLineBefore: true)
            .Add("env", new YamlMapping().Add("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Add("DOTNET_NOLOGO", "1"), blankLineBefore: true)
            .Add("jobs", jobs, blankLineBefore: true);
        return YamlEmitter.Emit(document, header);
    }

    private static YamlMapping Job(GitHubJobGroups.Group group, GitHubJobGroups groups, CiPipeline pipeline,
        GitHubSettings settings)
    {
        var job = group.First;
        var environment = job.DeploysTo;
        var needs = groups.NeedsOf(group);
        // a matrix runs its jobs' one command once per component
        var runs = group.IsMatrix ? [job] : group.Jobs;
        var changed = GitHubChangedComponents.JobId(group.Id);
        var steps = new List<YamlNode>(GitHubSteps.Setup());
        steps.AddRange(groups.ArtifactsOf(group).Select(n => GitHubSteps.Download(n.ArtifactPattern)));
        steps.AddRange(runs.Select(j => GitHubSteps.Run(j.Command)));
        steps.AddRange(runs.Where(j => j.FinallyCommand != null)
            .Select(j => GitHubSteps.Always(j.FinallyCommand!)));
        steps.Add(GitHubSteps.Upload(group.IsMatrix ? group.Id + "-${{ matrix.component }}" : group.Id,
            group.Jobs.SelectMany(j => j.ArtifactPaths).Distinct().ToList()));
        var condition = Condition(job, pipeline);
        return new YamlMapping()
            .Add("needs", needs.Count > 0 || group.IsMatrix
                ? YamlSequence.Of([.. group.IsMatrix ? [changed] : Array.Empty<string>(), .. needs.Select(n => n.Id)],
                    flow: true)
                : null)
            .Add("if", group.IsMatrix
                ? (condition != null ? condition + " && " : "") +
                  $"needs.{changed}.outputs.{GitHubChangedComponents.Output} != '[]'"
                : condition)
            .Add("strategy", group.IsMatrix
                ? new YamlMapping()
                    .Add("fail-fast", YamlScalar.False)
                    .Add("matrix", new YamlMapping().Add("component",
                        $"${{{{ fromJSON(needs.{changed}.outputs.{GitHubChangedComponents.Output}) }}}}"))
                : null)
            .Add("runs-on", RunsOn(job, settings))
            .Add("permissions", group.Jobs.Any(j => j.PushesCommits)
                ? new YamlMapping().Add("contents", "write")
                : null)
            .Add("environment", environment == null ? null : new YamlMapping()
                .Add("name", environment.Environment.IsPreview ? $"{environment.Name}/${{{{ github.ref_name }}}}" : environment.Name)
                .Add("url", environment.Environment.Url))
            .Add("concurrency", environment == null ? null
                : Concurrency(environment.Environment.IsPreview ? $"deploy-{environment.Name}-${{{{ github.ref_name }}}}" : $"deploy-{environment.Name}"))
            .Add("env", Environment(runs, previewBranch: "${{ github.ref_name }}", matrix: group.IsMatrix))
            .Add("steps", new YamlSequence(steps));
    }

    /// <summary>When the changed-components job runs: where its matrix job would, honouring <c>[skip ci]</c>.</summary>
    private static string ChangesCondition(CiJob job, CiPipeline pipeline) =>
        job.Environments.Count < pipeline.Environments.Count
            ? $"({SkipCiGuard}) && ({GitHubConditions.RunsFor(job.Environments, pipeline.Environments)})"
            : $"({SkipCiGuard})";

    /// <summary>The hosted runner of the workflow, or a self-hosted one carrying the job's labels.</summary>
    private static YamlNode RunsOn(CiJob job, GitHubSettings settings) => job.RunnerLabels.Count == 0
        ? new YamlScalar(settings.RunsOn)
        : YamlSequence.Of(["self-hosted", .. job.RunnerLabels], flow: true);

    /// <summary>Which pipelines hold the job, as an <c>if:</c>; jobs that start a pipeline also honour <c>[skip ci]</c>.</summary>
    private static string? Condition(CiJob job, CiPipeline pipeline)
    {
        var parts = new List<string>();
        if (job.Needs.Any(n => n.Optional)) parts.Add("!cancelled() && !failure()");
        if (job.Needs.Count == 0) parts.Add($"({SkipCiGuard})");
        if (job.Environments.Count < pipeline.Environments.Count) parts.Add($"({GitHubConditions.RunsFor(job.Environments, pipeline.Environments)})");
        return parts.Count == 0 ? null : string.Join(" && ", parts);
    }

    /// <summary>The jobs' variables and inputs; in a matrix, the component is the matrix's.</summary>
    private static YamlMapping? Environment(IReadOnlyList<CiJob> jobs, string previewBranch, bool matrix = false)
    {
        var env = new YamlMapping();
        if (jobs[0].DeploysTo is { } environment)
        {
            env.Add(GitHubSteps.EnvironmentVariable, environment.Name);
            if (environment.Environment.IsPreview) env.Add("SLIPWAY_PREVIEW_BRANCH", previewBranch);
        }
        foreach (var (name, value) in jobs.SelectMany(j => j.Variables).DistinctBy(v => v.Key))
            env.Add(name, matrix && name == jobs[0].Component?.Variable ? "${{ matrix.component }}" : value);
        foreach (var input in jobs.SelectMany(j => j.Inputs).DistinctBy(i => i.Variable))
            env.Add(input.Variable, $"${{{{ {(input.IsSecret ? "secrets" : "vars")}.{input.Source} }}}}");
        return env.IsEmpty ? null : env;
    }

    private static YamlMapping Concurrency(string group) => new YamlMapping().Add("group", group).Add("cancel-in-progress", YamlScalar.False);

    private static IReadOnlyList<string>? GateNote(GitHubJobGroups.Group group) =>
        group.First.DeploysTo is { Environment.Protections.ManualGate: true } environment
            ? [$"{environment.Name} is gated: protect the GitHub environment '{environment.Name}' with required " +
               "reviewers.",
               .. group.Jobs.Count > 1
                   ? [$"One approval releases it: this job runs {string.Join(", then ", group.Jobs.Select(j => j.Id))}" +
                      "."]
                   : Array.Empty<string>()]
            : null;
}
