using Slipway.Delivery.Ci.Planning;

namespace Slipway.Delivery.Ci.GitHub;

/// <summary>
/// The planned jobs as GitHub jobs. Every job naming a protected GitHub environment waits for its own approval, so
/// in a gated environment the jobs that follow the gate run as further steps of the gate's job: one approval per
/// release, not one per job. The group takes the id of its last job (<c>deploy-prod</c>). A per-component job's
/// parts are one job with a matrix over the components, under the declared id (<c>images</c>).
/// </summary>
internal sealed class GitHubJobGroups
{
    private readonly List<Group> _groups = [];
    private readonly Dictionary<string, Group> _groupOf = [];

    public IReadOnlyList<Group> All => _groups;

    public static GitHubJobGroups Of(CiPipeline pipeline)
    {
        var groups = new GitHubJobGroups();
        foreach (var job in pipeline.RunJobs) groups.Add(job);
        return groups;
    }

    /// <summary>The GitHub jobs this group waits for.</summary>
    public IReadOnlyList<Group> NeedsOf(Group group) =>
        group.First.Needs.Select(n => _groupOf[n.JobId]).Distinct().ToList();

    /// <summary>The GitHub jobs this group takes artifacts from.</summary>
    public IReadOnlyList<Group> ArtifactsOf(Group group) =>
        group.First.Needs.Where(n => n.Artifacts).Select(n => _groupOf[n.JobId]).Distinct().ToList();

    private void Add(CiJob job)
    {
        // a per-component job's parts are one matrix job
        if (job.Component is { } part)
        {
            if (_groups.FirstOrDefault(g => g.First.Component?.DeclaredId == part.DeclaredId) is { } matrix)
                matrix.Jobs.Add(job);
            else _groups.Add(matrix = new Group([job]));
            _groupOf[job.Id] = matrix;
            return;
        }
        var owners = job.Needs.Select(n => _groupOf[n.JobId]).Distinct().ToList();
        // the gate's job, when every other job this one waits for is one the gate's job waits for too
        var gates = owners.Where(o => o.First.DeploysTo == job.DeploysTo).ToList();
        if (job is { Manual: false, DeploysTo.Environment.Protections.ManualGate: true } && gates.Count == 1 &&
            owners.Except(gates).All(o => NeedsOf(gates[0]).Contains(o)))
        {
            gates[0].Jobs.Add(job);
            _groupOf[job.Id] = gates[0];
            return;
        }
        var group = new Group([job]);
        _groups.Add(group);
        _groupOf[job.Id] = group;
    }

    /// <summary>Jobs run one after the other in one GitHub job, or a per-component job's parts as its matrix.</summary>
    public sealed record Group(List<CiJob> Jobs)
    {
        public CiJob First => Jobs[0];
        public string Id => First.Component?.DeclaredId ?? Jobs[^1].Id;
        /// <summary>One run per component a push changed (<c>strategy.matrix.component</c>).</summary>
        public bool IsMatrix => First.Component != null;
        /// <summary>The names its artifacts are uploaded under (one per matrix run).</summary>
        public string ArtifactPattern => IsMatrix ? Id + "-*" : Id;
    }
}
