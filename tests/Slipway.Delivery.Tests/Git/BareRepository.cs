using Slipway.Engine;

namespace Slipway.Delivery.Tests.Git;

/// <summary>A real bare repository in a temp directory, seeded with one commit, standing in for a deployment repository.</summary>
internal sealed class BareRepository : IDisposable
{
    public const string Branch = "main";

    private BareRepository(string root)
    {
        Root = root;
        Path = System.IO.Path.Combine(root, "deploy.git");
    }

    public string Root { get; }
    /// <summary>The bare repository's directory, usable as a plain path or as a <c>file://</c> URL.</summary>
    public string Path { get; }

    public static async Task<BareRepository> CreateAsync(IReadOnlyDictionary<string, string> files)
    {
        var repository = new BareRepository(Directory.CreateTempSubdirectory("slipway-bare-").FullName);
        await Git(repository.Root, "init", "--quiet", "--bare", "--initial-branch=" + Branch, repository.Path);
        var seed = System.IO.Path.Combine(repository.Root, "seed");
        await Git(repository.Root, "init", "--quiet", "--initial-branch=" + Branch, seed);
        foreach (var (file, text) in files)
        {
            var full = System.IO.Path.Combine(seed, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, text);
        }
        await Git(seed, "add", "--all");
        await Git(seed, "commit", "--quiet", "-m", "Seed the deployment repository");
        await Git(seed, "push", "--quiet", repository.Path, Branch);
        return repository;
    }

    public async Task<string> ReadAsync(string file) => (await GitOutput("show", $"{Branch}:{file}")) + "\n";

    public async Task<string> HeadAsync() => await GitOutput("rev-parse", Branch);

    public async Task<int> CommitCountAsync() => int.Parse(await GitOutput("rev-list", "--count", Branch));

    public async Task<string> MergeCommitsAsync() => await GitOutput("rev-list", "--merges", Branch);

    /// <summary>The files the head commit changed, as <c>added deleted path</c> lines.</summary>
    public async Task<string> HeadDiffStatAsync() => await GitOutput("diff", "--numstat", $"{Branch}~1", Branch);

    public async Task<string> LogAsync(string format) => await GitOutput("log", "--format=" + format, Branch);

    /// <summary>Someone else's commit: clone, edit one file, commit and push, as a competing pipeline would.</summary>
    public async Task PushCommitAsync(string file, Func<string, string> edit, string message)
    {
        var clone = Directory.CreateTempSubdirectory("slipway-competitor-").FullName;
        try
        {
            await Git(clone, "clone", "--quiet", Path, ".");
            var full = System.IO.Path.Combine(clone, file);
            await File.WriteAllTextAsync(full, edit(await File.ReadAllTextAsync(full)));
            await Git(clone, "commit", "--quiet", "-am", message);
            await Git(clone, "push", "--quiet", "origin", Branch);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private async Task<string> GitOutput(params string[] arguments) =>
        (await Git(Root, ["--git-dir", Path, .. arguments])).StandardOutput.TrimEnd('\n');

    private static Task<ProcessResult> Git(string directory, params string[] arguments) =>
        ProcessRunner.RunAsync("git", arguments, new ProcessOptions
        {
            WorkingDirectory = directory,
            LogOutput = false,
            LogInvocation = false,
            Environment = new Dictionary<string, string?>
            {
                ["GIT_AUTHOR_NAME"] = "Seeder", ["GIT_AUTHOR_EMAIL"] = "seeder@example.com",
                ["GIT_COMMITTER_NAME"] = "Seeder", ["GIT_COMMITTER_EMAIL"] = "seeder@example.com",
                ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GIT_CONFIG_NOSYSTEM"] = "1",
            },
        });
}
