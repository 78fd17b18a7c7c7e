using Slipway.Delivery.Ci.Planning;
using Slipway.Delivery.Ci.Yaml;

namespace Slipway.Delivery.Ci.GitLab;

/// <summary>
/// Writes <c>.gitlab-ci.yml</c>: workflow rules map the ref to an environment (SLIPWAY_ENV) and drop duplicate and
/// <c>[skip ci]</c> pipelines; each job runs its targets in the SDK image (or on the self-hosted runner it names) with
/// the NuGet cache, reaches docker through the docker:dind service when it uses docker, and passes artifacts on.
/// </summary>
public static class GitLabCiWriter
{
    /// <summary>
    /// GitLab's limit on a job's <c>needs</c>; a job waiting for more (many components) waits for the stages before
    /// it instead, and takes the artifacts of all their jobs.
    /// </summary>
    public const int MaxNeeds = 50;

    public static string Write(CiPipeline pipeline, GitLabSettings settings, IReadOnlyList<string> header)
    {
        var document = new YamlMapping()
            .Add("workflow", new YamlMapping().Add("rules", WorkflowRules(pipeline)),
                comments: Inputs(pipeline, settings))
            .Add("stages", YamlSequence.Of(pipeline.Stages), blankLineBefore: true)
            .Add("variables", new YamlMapping()
                .Add("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
                .Add("DOTNET_NOLOGO", "1")
                .Add("NUGET_PACKAGES", "$CI_PROJECT_DIR/.nuget/packages"), blankLineBefore: true)
            .Add("default", Defaults(settings, pipeline), blankLineBefore: true);
        foreach (var job in pipeline.Jobs)
        {
            if (job.Component is { } part)
            {
                // a per-component job's parts extend one hidden job: each adds its component and its changes
                var template = "." + part.DeclaredId;
                if (!document.Entries.Any(e => e.Key == template))
                    document.Add(template, Job(job, pipeline, settings, asTemplate: true), blankLineBefore: true,
                        comments: [$"What every {part.DeclaredId}-<component> job runs; each runs when its " +
                                   "component's inputs changed."]);
                document.Add(job.Id, new YamlMapping()
                    .Add("extends", template)
                    .Add("rules", new YamlSequence([Rule(job, job.Environments.Count == pipeline.Environments.Count)]))
                    .Add("variables", new YamlMapping().Add(part.Variable, part.Component.Name)),
                    blankLineBefore: true);
                continue;
            }
            document.Add(job.Id, Job(job, pipeline, settings), blankLineBefore: true);
        }
        return YamlEmitter.Emit(document, header);
    }

    private static List<string> Inputs(CiPipeline pipeline, GitLabSettings settings) =>
        pipeline.Inputs.Count == 0 ? [] :
    [
        "CI/CD variables the jobs read (define them in the project's settings; mask and protect the secrets;",
        "kubeconfigs as File variables). A default applies unless a project variable of that name is set:",
        .. pipeline.Inputs.Select(i => $"  {i.Variable}{Describe(i, settings)}"),
    ];

    private static string Describe(CiInput input, GitLabSettings settings)
    {
        var kind = input.IsSecret ? ": secret" : "";
        return settings.DefaultFor(input) is { } value ? $"{kind} (default {value})" : kind;
    }

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

    private static YamlMapping Defaults(GitLabSettings settings, CiPipeline pipeline) => new YamlMapping()
        .Add("image", settings.Image ?? (pipeline.SdkVersion is { } sdk ? GitLabSettings.SdkImage(sdk)
            : throw new Engine.BuildDefinitionException(
                "global.json pins no .NET SDK version, so the GitLab jobs' image is unknown: pin one there, or name " +
                "an image with .GitLab(g => g.JobImage(…)).")))
        .Add("tags", settings.RunnerTags.Count > 0 ? YamlSequence.Of(settings.RunnerTags, flow: true) : null)
        .Add("interruptible", YamlScalar.True)
        .Add("cache", new YamlMapping()
            .Add("key", "nuget")
            .Add("paths", YamlSequence.Of([".nuget/packages/"])));

    /// <summary>A job; <paramref name="asTemplate"/>: what the parts of a per-component job share (no rules).</summary>
    private static YamlMapping Job(CiJob job, CiPipeline pipeline, GitLabSettings settings, bool asTemplate = false)
    {
        var runsEverywhere = job.Environments.Count == pipeline.Environments.Count;
        var mapping = new YamlMapping()
            .Add("stage", job.Stage)
            .Add("tags", job.RunnerLabels.Count > 0 ? YamlSequence.Of(job.RunnerLabels, flow: true) : null)
            .Add("services", job.UsesDocker ? DockerService(settings) : null)
            .Add("needs", job.Needs.Count <= MaxNeeds ? Needs(job) : null)
            .Add("rules", asTemplate ? null : new YamlSequence([Rule(job, runsEverywhere)]))
            .Add("allow_failure", job.IsStop ? YamlScalar.True : null)
            .Add("interruptible", job.DeploysTo != null ? YamlScalar.False : null)
            .Add("resource_group", job.DeploysTo != null ? "deploy-" + EnvironmentSlug(job.DeploysTo) : null)
            .Add("environment", job.DeploysTo != null ? Environment(job) : null)
            .Add("variables", Variables(job, settings))
            .Add("script", YamlSequence.Of([job.Command]))
            .Add("after_script", job.FinallyCommand != null ? YamlSequence.Of([job.FinallyCommand]) : null);
        if (!job.IsStop)
            mapping.Add("artifacts", new YamlMapping()
                .Add("when", "always")
                .Add("expire_in", "1 week")
                .Add("paths", YamlSequence.Of(job.ArtifactPaths)));
        return mapping;
    }

    private static YamlSequence Needs(CiJob job) => new(job.Needs
        .Select(n => n.Optional || !n.Artifacts
            ? new YamlMapping().Add("job", n.JobId)
                .Add("artifacts", n.Artifacts ? null : YamlScalar.False)
                .Add("optional", n.Optional ? YamlScalar.True : null)
            : (YamlNode)new YamlScalar(n.JobId))
        .ToList(), flow: job.Needs.All(n => n is { Optional: false, Artifacts: true }));

    /// <summary>
    /// Every job needs the environment the workflow rules chose, so a pipeline they did not map runs nothing; a
    /// component's job also needs a change to its inputs (GitLab counts every file changed in tag pipelines and new
    /// branches).
    /// </summary>
    private static YamlMapping Rule(CiJob job, bool runsEverywhere) => new YamlMapping()
        .Add("if", runsEverywhere ? "$" + GitLabConditions.EnvironmentVariable : GitLabConditions.RunsFor(job.Environments))
        .Add("changes", job.Component is { } part
            ? YamlSequence.Of(part.Component.Changes.Select(p => p.Length == 0 || p.EndsWith('/') ? p + "**/*" : p))
            : null)
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

    /// <summary>
    /// docker:dind under the alias <c>docker</c>, serving TLS with certificates it shares with the job.
    /// </summary>
    private static YamlSequence DockerService(GitLabSettings settings) =>
        new([new YamlMapping().Add("name", settings.DockerService).Add("alias", "docker")]);

    private static YamlMapping? Variables(CiJob job, GitLabSettings settings)
    {
        // SLIPWAY_ENV comes from the workflow rules: a job variable of that name would also change what its rules see.
        var variables = new YamlMapping();
        if (job.DeploysTo is { Environment.IsPreview: true }) variables.Add("SLIPWAY_PREVIEW_BRANCH", "$CI_COMMIT_REF_NAME");
        foreach (var (name, value) in job.Variables.Where(v => v.Key != job.Component?.Variable))
            variables.Add(name, value);
        // Job variables rank below project variables: a project variable of the same name replaces these defaults.
        foreach (var input in job.Inputs)
            if (settings.DefaultFor(input) is { } value) variables.Add(input.Variable, value);
        if (job.UsesDocker)
            variables
                .Add("DOCKER_HOST", GitLabSettings.DockerHost)
                .Add("DOCKER_TLS_CERTDIR", GitLabSettings.DockerCertificates)
                .Add("DOCKER_TLS_VERIFY", "1")
                .Add("DOCKER_CERT_PATH", GitLabSettings.DockerCertificates + "/client");
        return variables.IsEmpty ? null : variables;
    }

    /// <summary>One lock per environment; each preview branch is its own environment.</summary>
    private static string EnvironmentSlug(CiEnvironment environment) =>
        environment.Environment.IsPreview ? $"{environment.Name}-$CI_COMMIT_REF_SLUG" : environment.Name;
}
