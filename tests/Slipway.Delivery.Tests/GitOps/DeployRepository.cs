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

    /// <summary>
    /// Makes pushes lose a race, as when another pipeline pushes first: a server-side <c>update</c> hook moves the
    /// branch onto a commit that sets <paramref name="file"/> to <paramref name="edit"/> of its seeded text ("" when
    /// absent) just before the push being received updates it, so that push is rejected by git itself. Once, or on
    /// <paramref name="everyPush"/> (the later commits then change nothing).
    /// </summary>
    public async Task MoveTheBranchOnPushAsync(string file, Func<string, string> edit, bool everyPush = false)
    {
        var clone = System.IO.Path.Combine(Root, "competitor");
        await TestGit.RunAsync(Root, "clone", "--quiet", "--branch", Branch, Path, clone);
        var full = System.IO.Path.Combine(clone, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, edit(File.Exists(full) ? await File.ReadAllTextAsync(full) : ""));
        await TestGit.RunAsync(clone, "add", "--all");
        await TestGit.RunAsync(clone, "commit", "--quiet", "-m", "Another pipeline's commit");
        await TestGit.RunAsync(clone, "push", "--quiet", "origin", "HEAD:" + CompetitorRef);
        Directory.Delete(clone, recursive: true);
        var hook = System.IO.Path.Combine(Path, "hooks", "update");
        await File.WriteAllTextAsync(hook, $$"""
            #!/bin/sh
            # $1 = the ref being pushed to. The branch moves first, so the push's compare-and-swap fails.
            [ "$1" = refs/heads/{{Branch}} ] || exit 0
            {{(everyPush ? "" : "mkdir moved-once 2>/dev/null || exit 0")}}
            export GIT_AUTHOR_NAME=Competitor GIT_AUTHOR_EMAIL=competitor@example.com
            export GIT_COMMITTER_NAME=Competitor GIT_COMMITTER_EMAIL=competitor@example.com
            # the other commit: the branch's current tree with the competitor's version of the file
            export GIT_INDEX_FILE="$PWD/competitor-index.$$"
            blob=$(git rev-parse "{{CompetitorRef}}:{{file}}")
            # another push may hold the branch's lock right now: then try again on its new tip
            while :; do
              tip=$(git rev-parse refs/heads/{{Branch}})
              git read-tree "$tip"
              git update-index --add --cacheinfo "100644,$blob,{{file}}"
              moved=$(git commit-tree -p "$tip" -m "Another pipeline's commit" "$(git write-tree)")
              git update-ref refs/heads/{{Branch}} "$moved" "$tip" 2>/dev/null && break
              sleep 0.05
            done
            rm -f "$GIT_INDEX_FILE"

            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private const string CompetitorRef = "refs/slipway/competitor";

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
