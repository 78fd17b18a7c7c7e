using Slipway.Engine;

namespace Slipway.Delivery.Ci.Planning;

/// <summary>The declared jobs expanded per environment, with the graph questions the planner asks of them.</summary>
internal sealed class JobSet(TargetGraph graph)
{
    private readonly List<Job> _jobs = [];
    private readonly Dictionary<(string Job, string Environment), IReadOnlyList<Job>> _needs = new();

    public IReadOnlyList<Job> All => _jobs;

    public void Add(CiJobDeclaration declaration, string id, IReadOnlyList<CiEnvironment> environments, CiEnvironment? deploysTo, bool isStop)
    {
        if (environments.Count == 0) return;
        if (_jobs.Any(j => j.Id == id)) throw new BuildDefinitionException($"Two CI jobs are named '{id}'.");
        var job = new Job(id, declaration, environments, deploysTo, isStop, Closure(declaration.Targets));
        foreach (var environment in environments)
        foreach (var target in declaration.Targets)
            if (!isStop && _jobs.FirstOrDefault(j => !j.IsStop && RunsIn(j, environment) && j.Declaration.Targets.Contains(target, StringComparer.OrdinalIgnoreCase)) is { } other)
                throw new BuildDefinitionException($"Target '{target}' is run by CI jobs '{other.Id}' and '{id}' in environment '{environment.Name}': give it to one job.");
        _jobs.Add(job);
    }

    public int IndexOf(string id) => _jobs.FindIndex(j => j.Id == id);

    public bool RunsIn(Job job, CiEnvironment environment) => job.Environments.Contains(environment);

    /// <summary>The jobs running, in this environment, a target this job's run would plan or must run after.</summary>
    public IReadOnlyList<Job> Needs(Job job, CiEnvironment environment)
    {
        if (_needs.TryGetValue((job.Id, environment.Name), out var cached)) return cached;
        var needs = new List<Job>();
        if (!job.IsStop)
        {
            foreach (var target in job.Plan)
            {
                var owner = Owner(target, environment);
                if (owner != null && owner != job) { Add(owner); continue; }
                foreach (var earlier in graph[target].OrderedAfter.Concat(TriggeredBy(target)))
                    if (Owner(earlier, environment) is { } orderedOwner && orderedOwner != job) Add(orderedOwner);
            }
            foreach (var after in job.Declaration.After)
            {
                var matches = _jobs.Where(j => j.Stage == after && !j.IsStop).ToList();
                if (matches.Count == 0 && _jobs.All(j => j.Declaration.Id != after))
                    throw new BuildDefinitionException($"CI job '{job.Id}' runs after '{after}', which is not a declared job.");
                foreach (var match in matches.Where(m => RunsIn(m, environment) && (m.DeploysTo == null || m.DeploysTo == job.DeploysTo))) Add(match);
            }
        }
        _needs[(job.Id, environment.Name)] = needs;
        return needs;

        void Add(Job need)
        {
            if (IndexOf(need.Id) > IndexOf(job.Id))
                throw new BuildDefinitionException($"CI job '{job.Id}' needs '{need.Id}', which is declared after it: declare '{need.Id}' first.");
            if (!needs.Contains(need)) needs.Add(need);
        }
    }

    /// <summary>The needs without those another need already waits for (artifacts come from the nearest jobs).</summary>
    public IReadOnlyList<Job> ReducedNeeds(Job job, CiEnvironment environment)
    {
        var needs = Needs(job, environment);
        return needs.Where(n => !needs.Any(other => other != n && Ancestors(other, environment).Contains(n))).ToList();
    }

    /// <summary>Targets this job's run would plan that earlier jobs did, plus those it declares skipped, in graph order.</summary>
    public IReadOnlyList<string> Skips(Job job, CiEnvironment environment)
    {
        var done = Ancestors(job, environment).SelectMany(a => a.Declaration.Targets).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var skipped = job.Declaration.Skips.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return graph.Targets.Select(t => t.Name)
            .Where(t => skipped.Contains(t) || (job.Plan.Contains(t) && done.Contains(t)))
            .ToList();
    }

    /// <summary>The jobs before this one handing on more than artifacts/ (the compiled build), nearest last.</summary>
    public IReadOnlyList<Job> KeepersBefore(Job job, CiEnvironment environment) =>
        Ancestors(job, environment).Where(a => a.Declaration.Keeps.Count > 0).OrderBy(a => IndexOf(a.Id)).ToList();

    private HashSet<Job> Ancestors(Job job, CiEnvironment environment)
    {
        var result = new HashSet<Job>();
        var queue = new Queue<Job>(Needs(job, environment));
        while (queue.TryDequeue(out var next))
            if (result.Add(next))
                foreach (var further in Needs(next, environment)) queue.Enqueue(further);
        return result;
    }

    private Job? Owner(string target, CiEnvironment environment) =>
        _jobs.FirstOrDefault(j => !j.IsStop && RunsIn(j, environment) && j.Declaration.Targets.Contains(target, StringComparer.OrdinalIgnoreCase));

    private IEnumerable<string> TriggeredBy(string target) =>
        graph.Targets.Where(t => t.Triggers.Contains(target, StringComparer.OrdinalIgnoreCase)).Select(t => t.Name);

    /// <summary>What <c>./build.sh targets</c> plans: the targets, their dependencies and what they trigger, transitively.</summary>
    private HashSet<string> Closure(IEnumerable<string> targets)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(targets.Select(t => graph[t].Name));
        while (queue.TryDequeue(out var next))
            if (result.Add(next))
                foreach (var further in graph[next].Dependencies.Concat(graph[next].Triggers)) queue.Enqueue(further);
        return result;
    }

    /// <summary>One job instance: a declared job for some environments (one, for deploy pipeline jobs).</summary>
    public sealed record Job(string Id, CiJobDeclaration Declaration, IReadOnlyList<CiEnvironment> Environments, CiEnvironment? DeploysTo, bool IsStop, HashSet<string> Plan)
    {
        public string Stage => Declaration.Id;
    }
}
