using Slipway.Delivery.Environments;

namespace Slipway.Delivery.Ci;

/// <summary>One job: the targets it runs and, optionally, where it runs, what it waits for, skips, keeps and reads.</summary>
public sealed class CiJobDeclaration(string id, IReadOnlyList<string> targets)
{
    private readonly List<string> _after = [];
    private readonly List<string> _skips = [];
    private readonly List<string> _keeps = [];
    private readonly List<string> _reads = [];
    private readonly List<KeyValuePair<string, string>> _parameters = [];
    private readonly List<string> _environmentRules = [];

    public string Id { get; } = CiNames.RequireJobId(id);
    public IReadOnlyList<string> Targets { get; } = targets.Count > 0 ? targets : throw new ArgumentException($"Job '{id}' runs no target.", nameof(targets));
    /// <summary>Which environments the job runs for; all when null.</summary>
    public Func<DeploymentEnvironment, bool>? RunsFor { get; private set; }
    /// <summary>How <see cref="RunsFor"/> was declared, for error messages.</summary>
    public string RunsForText => _environmentRules.Count == 0 ? "every environment" : string.Join(", ", _environmentRules);
    /// <summary>Jobs this one waits for besides those the target graph gives.</summary>
    public IReadOnlyList<string> After => _after;
    /// <summary>Targets left out although the job's targets depend on them (e.g. a local stack CI does not need).</summary>
    public IReadOnlyList<string> Skips => _skips;
    /// <summary>Paths (globs) handed to later jobs besides <c>artifacts/</c>, e.g. build outputs.</summary>
    public IReadOnlyList<string> Keeps => _keeps;
    /// <summary>Parameters whose values come from CI variables or secrets of the same name.</summary>
    public IReadOnlyList<string> Reads => _reads;
    /// <summary>Parameter values the job passes as SLIPWAY_&lt;NAME&gt; variables.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;
    /// <summary>Left out (with its targets) when the build has none of them.</summary>
    public bool IsOptional { get; private set; }
    /// <summary>The job pushes commits to this repository (GitHub: <c>contents: write</c>).</summary>
    public bool PushesCommits { get; private set; }
    /// <summary>
    /// The job talks to a docker engine (GitLab: the docker:dind service over TLS; GitHub: the runner's).
    /// </summary>
    public bool UsesDocker { get; private set; }
    /// <summary>
    /// Labels of the self-hosted runner the job needs (GitLab tags, GitHub <c>runs-on</c>); empty: any runner.
    /// </summary>
    public IReadOnlyList<string> RunnerLabels => _runnerLabels;
    /// <summary>
    /// One job per component (<c>--component NAME</c>), each run only when that component's inputs changed; the jobs
    /// after it wait for all of them.
    /// </summary>
    public bool FansOutPerComponent { get; private set; }
    /// <summary>Targets run after the job's own even when they failed (GitLab <c>after_script</c>), e.g. StackDown.</summary>
    public IReadOnlyList<string> FinallyTargets => _finally;

    private readonly List<string> _finally = [];

    private readonly List<string> _runnerLabels = [];

    /// <summary>Runs only for these environments.</summary>
    public CiJobDeclaration Only(params string[] environments) =>
        AddRule($"only {string.Join("/", environments)}", e => environments.Contains(e.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Runs for every environment but these.</summary>
    public CiJobDeclaration Except(params string[] environments) =>
        AddRule($"except {string.Join("/", environments)}", e => !environments.Contains(e.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Runs for the environments the predicate accepts; <paramref name="description"/> names the rule in messages.</summary>
    public CiJobDeclaration Where(Func<DeploymentEnvironment, bool> predicate, string description) => AddRule(description, predicate);

    public CiJobDeclaration AfterJobs(params string[] jobIds) { _after.AddRange(jobIds); return this; }
    public CiJobDeclaration Skipping(params string[] targetNames) { _skips.AddRange(targetNames); return this; }
    public CiJobDeclaration Keeping(params string[] paths) { _keeps.AddRange(paths); return this; }
    public CiJobDeclaration Reading(params string[] parameterNames) { _reads.AddRange(parameterNames); return this; }
    public CiJobDeclaration With(string parameterName, string value) { _parameters.Add(new(parameterName, value)); return this; }
    public CiJobDeclaration Optional() { IsOptional = true; return this; }
    public CiJobDeclaration PushingCommits() { PushesCommits = true; return this; }
    public CiJobDeclaration UsingDocker() { UsesDocker = true; return this; }
    public CiJobDeclaration PerComponent() { FansOutPerComponent = true; return this; }
    public CiJobDeclaration Finally(params string[] targets) { _finally.AddRange(targets); return this; }

    /// <summary>
    /// Runs on a self-hosted runner carrying these labels, e.g. a Debian 12 machine where it may be root.
    /// </summary>
    public CiJobDeclaration OnRunner(params string[] labels)
    {
        if (labels.Length == 0)
            throw new ArgumentException($"Job '{Id}': OnRunner needs at least one label.", nameof(labels));
        _runnerLabels.AddRange(labels);
        return this;
    }

    private CiJobDeclaration AddRule(string description, Func<DeploymentEnvironment, bool> predicate)
    {
        var previous = RunsFor;
        RunsFor = previous == null ? predicate : e => previous(e) && predicate(e);
        _environmentRules.Add(description);
        return this;
    }
}
