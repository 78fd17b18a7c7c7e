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
        foreach (var job in pipeline.RunJobs)
            jobs.Add(job.Id, Job(job, pipeline, settings), blankLineBefore: jobs.Entries.Count > 0, comments: GateNote(job));
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
                .Add("runs-on", settings.RunsOn)
                .Add("concurrency", Concurrency($"deploy-{environment.Name}-${{{{ github.event.ref }}}}"))
                .Add("env", Environment(job, previewBranch: "${{ github.event.ref }}"))
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

    private static YamlMapping Job(CiJob job, CiPipeline pipeline, GitHubSettings settings)
    {
        var environment = job.DeploysTo;
        var steps = new List<YamlNode>(GitHubSteps.Setup());
        steps.AddRange(job.Needs.Select(n => GitHubSteps.Download(n.JobId)));
        steps.Add(GitHubSteps.Run(job.Command));
        steps.Add(GitHubSteps.Upload(job.Id, job.ArtifactPaths));
        return new YamlMapping()
            .Add("needs", job.Needs.Count > 0 ? YamlSequence.Of(job.Needs.Select(n => n.JobId), flow: true) : null)
            .Add("if", Condition(job, pipeline))
            .Add("runs-on", settings.RunsOn)
            .Add("permissions", job.PushesCommits ? new YamlMapping().Add("contents", "write") : null)
            .Add("environment", environment == null ? null : new YamlMapping()
                .Add("name", environment.Environment.IsPreview ? $"{environment.Name}/${{{{ github.ref_name }}}}" : environment.Name)
                .Add("url", environment.Environment.Url))
            .Add("concurrency", environment == null ? null
                : Concurrency(environment.Environment.IsPreview ? $"deploy-{environment.Name}-${{{{ github.ref_name }}}}" : $"deploy-{environment.Name}"))
            .Add("env", Environment(job, previewBranch: "${{ github.ref_name }}"))
            .Add("steps", new YamlSequence(steps));
    }

    /// <summary>Which pipelines hold the job, as an <c>if:</c>; jobs that start a pipeline also honour <c>[skip ci]</c>.</summary>
    private static string? Condition(CiJob job, CiPipeline pipeline)
    {
        var parts = new List<string>();
        if (job.Needs.Any(n => n.Optional)) parts.Add("!cancelled() && !failure()");
        if (job.Needs.Count == 0) parts.Add($"({SkipCiGuard})");
        if (job.Environments.Count < pipeline.Environments.Count) parts.Add($"({GitHubConditions.RunsFor(job.Environments, pipeline.Environments)})");
        return parts.Count == 0 ? null : string.Join(" && ", parts);
    }

    private static YamlMapping? Environment(CiJob job, string previewBranch)
    {
        var env = new YamlMapping();
        if (job.DeploysTo is { } environment)
        {
            env.Add(GitHubSteps.EnvironmentVariable, environment.Name);
            if (environment.Environment.IsPreview) env.Add("SLIPWAY_PREVIEW_BRANCH", previewBranch);
        }
        foreach (var (name, value) in job.Variables) env.Add(name, value);
        foreach (var input in job.Inputs)
            env.Add(input.Variable, $"${{{{ {(input.IsSecret ? "secrets" : "vars")}.{input.Source} }}}}");
        return env.IsEmpty ? null : env;
    }

    private static YamlMapping Concurrency(string group) => new YamlMapping().Add("group", group).Add("cancel-in-progress", YamlScalar.False);

    private static IReadOnlyList<string>? GateNote(CiJob job) => job.DeploysTo is { Environment.Protections.ManualGate: true } environment
        ? [$"{environment.Name} is gated: protect the GitHub environment '{environment.Name}' with required reviewers."]
        : null;
}
