using Slipway.Delivery.Ci.Planning;
using Slipway.Delivery.Ci.Yaml;

namespace Slipway.Delivery.Ci.GitLab;

/// <summary>
/// Writes <c>.gitlab-ci.yml</c>: workflow rules map the ref to an environment (SLIPWAY_ENV) and drop duplicate and
/// <c>[skip ci]</c> pipelines; each job runs its targets on a shell runner with the NuGet cache and passes artifacts on.
/// </summary>
public static class GitLabCiWriter
{
    public static string Write(CiPipeline pipeline, GitLabSettings settings, IReadOnlyList<string> header)
    {
        var document = new YamlMapping()
            .Add("workflow", new YamlMapping().Add("rules", WorkflowRules(pipeline)), comments: Inputs(pipeline))
            .Add("stages", YamlSequence.Of(pipeline.Stages), blankLineBefore: true)
            .Add("variables", new YamlMapping()
                .Add("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
                .Add("DOTNET_NOLOGO", "1")
                .Add("NUGET_PACKAGES", "$CI_PROJECT_DIR/.nuget/packages"), blankLineBefore: true)
            .Add("default", Defaults(settings), blankLineBefore: true);
        foreach (var job in pipeline.Jobs)
            document.Add(job.Id, Job(job, pipeline), blankLineBefore: true);
        return YamlEmitter.Emit(document, header);
    }

    private static List<string> Inputs(CiPipeline pipeline) => pipeline.Inputs.Count == 0 ? [] :
    [
        "CI/CD variables the jobs read (define them in the project's settings; mask and protect the secrets):",
        .. pipeline.Inputs.Select(i => $"  {i.Variable}{(i.IsSecret ? ": secret" : "")}"),
    ];

    private static YamlSequence WorkflowRules(CiPipeline pipeline)
    {
        var rules = new List<YamlNode>
        {
            new YamlMapping().Add("if", @"$CI_COMMIT_BRANCH && $CI_COMMIT_MESSAGE =~ /\[skip ci\]/").Add("when", "never"),
            new YamlMapping().Add("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"").Add("when", "never"),
        };
        foreach (var environment in pipeline.Environments.Where(e => e.IsDeployTarget).OrderBy(e => e.TagPatterns.Count > 0 ? 0 : 1))
            rules.Add(SetEnvironment(GitLabConditions.Selects(environment), environment));
        if (pipeline.Environments.FirstOrDefault(e => e.IsFallback) is { } fallback)
            rules.Add(SetEnvironment("$CI_COMMIT_BRANCH", fallback));
        return new YamlSequence(rules);
    }

    private static YamlMapping SetEnvironment(string condition, CiEnvironment environment) =>
        new YamlMapping().Add("if", condition).Add("variables", new YamlMapping().Add(GitLabConditions.EnvironmentVariable, environment.Name));

    private static YamlMapping Defaults(GitLabSettings settings) => new YamlMapping()
        .Add("tags", settings.RunnerTags.Count > 0 ? YamlSequence.Of(settings.RunnerTags, flow: true) : null)
        .Add("interruptible", YamlScalar.True)
        .Add("cache", new YamlMapping()
            .Add("key", "nuget")
            .Add("paths", YamlSequence.Of([".nuget/packages/"])));

    private static YamlMapping Job(CiJob job, CiPipeline pipeline)
    {
        var runsEverywhere = job.Environments.Count == pipeline.Environments.Count;
        var mapping = new YamlMapping()
            .Add("stage", job.Stage)
            .Add("needs", Needs(job))
            .Add("rules", new YamlSequence([Rule(job, runsEverywhere)]))
            .Add("allow_failure", job.IsStop ? YamlScalar.True : null)
            .Add("interruptible", job.DeploysTo != null ? YamlScalar.False : null)
            .Add("resource_group", job.DeploysTo != null ? "deploy-" + EnvironmentSlug(job.DeploysTo) : null)
            .Add("environment", job.DeploysTo != null ? Environment(job) : null)
            .Add("variables", Variables(job))
            .Add("script", YamlSequence.Of([job.Command]));
        if (!job.IsStop)
            mapping.Add("artifacts", new YamlMapping()
                .Add("when", "always")
                .Add("expire_in", "1 week")
                .Add("paths", YamlSequence.Of(job.ArtifactPaths)));
        return mapping;
    }

    private static YamlSequence Needs(CiJob job) => new(job.Needs
        .Select(n => n.Optional ? new YamlMapping().Add("job", n.JobId).Add("optional", YamlScalar.True) : (YamlNode)new YamlScalar(n.JobId))
        .ToList(), flow: job.Needs.All(n => !n.Optional));

    /// <summary>Every job needs the environment the workflow rules chose, so a pipeline they did not map runs nothing.</summary>
    private static YamlMapping Rule(CiJob job, bool runsEverywhere) => new YamlMapping()
        .Add("if", runsEverywhere ? "$" + GitLabConditions.EnvironmentVariable : GitLabConditions.RunsFor(job.Environments))
        .Add("when", job.Manual ? "manual" : null);

    private static YamlMapping Environment(CiJob job)
    {
        var environment = job.DeploysTo!;
        var mapping = new YamlMapping().Add("name", environment.Environment.IsPreview ? $"{environment.Name}/$CI_COMMIT_REF_SLUG" : environment.Name);
        if (job.IsStop) return mapping.Add("action", "stop");
        return mapping
            .Add("url", environment.Environment.Url)
            .Add("on_stop", job.StopJobId);
    }

    private static YamlMapping? Variables(CiJob job)
    {
        // SLIPWAY_ENV comes from the workflow rules: a job variable of that name would also change what its rules see.
        var variables = new YamlMapping();
        if (job.DeploysTo is { Environment.IsPreview: true }) variables.Add("SLIPWAY_PREVIEW_BRANCH", "$CI_COMMIT_REF_NAME");
        foreach (var (name, value) in job.Variables) variables.Add(name, value);
        return variables.IsEmpty ? null : variables;
    }

    /// <summary>One lock per environment; each preview branch is its own environment.</summary>
    private static string EnvironmentSlug(CiEnvironment environment) =>
        environment.Environment.IsPreview ? $"{environment.Name}-$CI_COMMIT_REF_SLUG" : environment.Name;
}
