namespace Slipway.Delivery.Ci;

/// <summary>
/// What CI runs, declared on the build and generated into each CI system's files by <c>./build.sh GenerateCi</c>:
/// a component pipeline (jobs shared by every environment) and a deploy pipeline (jobs repeated per environment).
/// </summary>
public sealed class CiDeclaration
{
    public GitLabSettings? GitLabCi { get; private set; }
    public IReadOnlyList<GitHubSettings> GitHubWorkflows => _gitHubWorkflows;
    /// <summary>The environment branches no environment claims are built as (their pipeline has no deploy jobs); null: they get no pipeline.</summary>
    public string? UnmappedBranchesEnvironment { get; private set; }
    public CiPipelineDeclaration ComponentPipelineJobs { get; } = new(perEnvironment: false);
    public CiPipelineDeclaration DeployPipelineJobs { get; } = new(perEnvironment: true);

    private readonly List<GitHubSettings> _gitHubWorkflows = [];

    /// <summary>
    /// Writes <c>.gitlab-ci.yml</c> for docker-executor runners; <paramref name="configure"/> sets the image, tags …
    /// </summary>
    public CiDeclaration GitLab(Action<GitLabSettings>? configure = null)
    {
        GitLabCi = new GitLabSettings();
        configure?.Invoke(GitLabCi);
        return this;
    }

    /// <summary>Writes <c>.github/workflows/&lt;name&gt;.yml</c> (and <c>&lt;name&gt;-stop-preview.yml</c> when a preview stop job is declared).</summary>
    public CiDeclaration GitHubWorkflow(string name, string runsOn = "ubuntu-24.04")
    {
        if (_gitHubWorkflows.Any(w => w.Name == name)) throw new ArgumentException($"GitHub workflow '{name}' is declared twice.", nameof(name));
        _gitHubWorkflows.Add(new GitHubSettings(name, runsOn));
        return this;
    }

    /// <summary>Branches no environment claims run the component pipeline for this environment (e.g. <c>local</c>).</summary>
    public CiDeclaration UnmappedBranchesAs(string environment)
    {
        UnmappedBranchesEnvironment = environment;
        return this;
    }

    /// <summary>Jobs every pipeline may run once (compile, test, images, BumpValues), each limited to some environments if it says so.</summary>
    public CiDeclaration ComponentPipeline(Action<CiPipelineDeclaration> jobs)
    {
        jobs(ComponentPipelineJobs);
        return this;
    }

    /// <summary>Jobs repeated for each environment CI deploys to (a branch or tag maps to it): <c>deploy-dev</c>, <c>deploy-prod</c> …</summary>
    public CiDeclaration DeployPipeline(Action<CiPipelineDeclaration> jobs)
    {
        jobs(DeployPipelineJobs);
        return this;
    }
}
