namespace Slipway.Delivery.Tests.GitOps;

/// <summary>A bare repository on disk standing in for a deployment repository, seeded with one commit on <see cref="Branch"/>.</summary>
internal sealed class DeployRepository : IDisposable
{
    public const string Branch = "main";

    private DeployRepository(string root)
    {
        Root = root;
        Path = System.IO.Path.Combine(root, "deploy.git");
    }

    /// <summary>The temp directory holding the bare repository (and anything else a test needs next to it).</summary>
    public string Root { get; }
    public string Path { get; }
    public string Url => "file://" + Path;

    public static async Task<DeployRepository> CreateAsync(IReadOnlyDictionary<string, string>? files = null)
    {
        var repository = new DeployRepository(Directory.CreateTempSubdirectory("slipway-deploy-repository-").FullName);
        await TestGit.RunAsync(repository.Root, "init", "--quiet", "--bare", "--initial-branch=" + Branch, repository.Path);
        var seed = System.IO.Path.Combine(repository.Root, "seed");
        await TestGit.RunAsync(repository.Root, "init", "--quiet", "--initial-branch=" + Branch, seed);
        foreach (var (file, text) in files ?? new Dictionary<string, string> { ["README.md"] = "# Deployment repository\n" })
        {
            var full = System.IO.Path.Combine(seed, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, text);
        }
        await TestGit.RunAsync(seed, "add", "--all");
        await TestGit.RunAsync(seed, "commit", "--quiet", "-m", "Seed the deployment repository");
        await TestGit.RunAsync(seed, "push", "--quiet", repository.Path, Branch);
        Directory.Delete(seed, recursive: true);
        return repository;
    }

    /// <summary>A bare repository with no commit and no branch, as a freshly created GitOps repository is.</summary>
    public static async Task<DeployRepository> CreateEmptyAsync()
    {
        var repository = new DeployRepository(Directory.CreateTempSubdirectory("slipway-deploy-repository-").FullName);
        await TestGit.RunAsync(repository.Root, "init", "--quiet", "--bare", "--initial-branch=" + Branch, repository.Path);
        return repository;
    }

    /// <summary>A file's bytes on the branch, as text; null when it does not exist.</summary>
    public async Task<string?> ReadAsync(string file)
    {
        var listed = await Git("ls-tree", "--name-only", Branch, "--", file);
        return listed.Trim().Length == 0 ? null : await Git("cat-file", "blob", $"{Branch}:{file}");
    }

    public async Task<string> HeadAsync() => (await Git("rev-parse", Branch)).Trim();

    public async Task<int> CommitCountAsync() => int.Parse(await Git("rev-list", "--count", Branch));

    /// <summary>Subjects of the branch's commits, newest first.</summary>
    public async Task<IReadOnlyList<string>> SubjectsAsync() => (await Git("log", "--format=%s", Branch)).TrimEnd('\n').Split('\n');

    public async Task<string> HeadMessageAsync() => await Git("log", "-1", "--format=%B", Branch);

    /// <summary>What the head commit changed: <c>added deleted path</c> lines.</summary>
    public async Task<string> HeadNumstatAsync() => (await Git("diff", "--numstat", $"{Branch}~1", Branch)).TrimEnd('\n');

    /// <summary>The paths of the head commit's tree (the first commit's, for a repository that was empty).</summary>
    public async Task<string> HeadFilesAsync() => (await Git("ls-tree", "-r", "--name-only", Branch)).TrimEnd('\n');

    /// <summary>What the head commit did to each path: <c>A path</c>, <c>M path</c>…</summary>
    public async Task<string> HeadNameStatusAsync() => (await Git("diff", "--name-status", $"{Branch}~1", Branch)).TrimEnd('\n');

    /// <summary>The lines the head commit removed and added (<c>-old</c>, <c>+new</c>), without the diff's headers.</summary>
    public async Task<IReadOnlyList<string>> HeadChangedLinesAsync() =>
        (await Git("diff", "--unified=0", $"{Branch}~1", Branch)).Split('\n')
            .Where(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++") && !l.StartsWith("---"))
            .ToList();

    public async Task<string> MergeCommitsAsync() => (await Git("rev-list", "--merges", Branch)).Trim();

    public async Task<IReadOnlyList<string>> BranchesAsync() =>
        (await Git("for-each-ref", "--format=%(refname:short)", "refs/heads")).TrimEnd('\n').Split('\n');

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private Task<string> Git(params string[] arguments) => TestGit.RunAsync(Root, ["--git-dir", Path, .. arguments]);
}
