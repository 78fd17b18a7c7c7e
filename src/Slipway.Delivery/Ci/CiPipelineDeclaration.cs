namespace Slipway.Delivery.Ci;

/// <summary>The jobs of one pipeline, in the order CI runs them; each job runs a group of targets.</summary>
public sealed class CiPipelineDeclaration(bool perEnvironment)
{
    private readonly List<CiJobDeclaration> _jobs = [];

    /// <summary>True for the deploy pipeline: each job is repeated per environment as <c>&lt;id&gt;-&lt;environment&gt;</c>.</summary>
    public bool PerEnvironment { get; } = perEnvironment;
    public IReadOnlyList<CiJobDeclaration> Jobs => _jobs;
    /// <summary>The job a preview branch's deletion runs (GitLab <c>on_stop</c>, GitHub <c>delete</c> event).</summary>
    public CiJobDeclaration? PreviewStop { get; private set; }

    /// <summary>A job running <paramref name="targets"/> (names, e.g. <c>nameof(ICompile.Compile)</c>) and whatever they need that earlier jobs did not do.</summary>
    public CiPipelineDeclaration Job(string id, string[] targets, Action<CiJobDeclaration>? configure = null)
    {
        var job = new CiJobDeclaration(id, targets);
        configure?.Invoke(job);
        _jobs.Add(job);
        return this;
    }

    /// <summary>The job that destroys a preview when its branch goes away; it runs only for preview environments.</summary>
    public CiPipelineDeclaration StopPreview(string id, string target, Action<CiJobDeclaration>? configure = null)
    {
        if (!PerEnvironment) throw new InvalidOperationException("StopPreview belongs to the deploy pipeline.");
        var job = new CiJobDeclaration(id, [target]);
        configure?.Invoke(job);
        PreviewStop = job;
        return this;
    }
}
