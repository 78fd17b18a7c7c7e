using Slipway.Delivery.Ci.Planning;

namespace Slipway.Delivery.Ci.GitHub;

/// <summary>
/// The planned jobs as GitHub jobs. Every job naming a protected GitHub environment waits for its own approval, so
/// in a gated environment the jobs that follow the gate run as further steps of the gate's job: one approval per
/// release, not one per job. The group takes the id of its last job (<c>deploy-prod</c>).
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

    /// <summary>The ids of the GitHub jobs this group waits for.</summary>
    public IReadOnlyList<string> NeedsOf(Group group) =>
        group.First.Needs.Select(n => _groupOf[n.JobId].Id).Distinct().ToList();

    private void Add(CiJob job)
    {
        var owners = job.Needs.Select(n => _groupOf[n.JobId]).Distinct().ToList();
        if (job is { Manual: false, DeploysTo.Environment.Protections.ManualGate: true } && owners.Count == 1 &&
            owners[0].First.DeploysTo == job.DeploysTo)
        {
            owners[0].Jobs.Add(job);
            _groupOf[job.Id] = owners[0];
            return;
        }
        var group = new Group([job]);
        _groups.Add(group);
        _groupOf[job.Id] = group;
    }

    /// <summary>Jobs run one after the other in one GitHub job.</summary>
    public sealed record Group(List<CiJob> Jobs)
    {
        public CiJob First => Jobs[0];
        public string Id => Jobs[^1].Id;
    }
}
