using Slipway.Delivery.Tests.GitOps;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.Versioning;

/// <summary>A clone (on main, VERSION and one chart committed) of a bare origin on disk, both deleted after the test.</summary>
internal sealed class ReleaseRepository : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("slipway-release-");

    public AbsolutePath Origin => AbsolutePath.From(_root.FullName) / "origin.git";
    public AbsolutePath Clone => AbsolutePath.From(_root.FullName) / "clone";

    public static async Task<ReleaseRepository> CreateAsync(string version = "1.4.0")
    {
        var repository = new ReleaseRepository();
        await TestGit.RunAsync(repository._root.FullName, "init", "--quiet", "--bare", "-b", "main", "origin.git");
        await TestGit.RunAsync(repository._root.FullName, "clone", "--quiet", "origin.git", "clone");
        await repository.WriteAsync("VERSION", version + "\n");
        await repository.WriteAsync("charts/web/Chart.yaml",
            $"apiVersion: v2\nname: web # the chart\nversion: {version}\nappVersion: \"{version}\"\n");
        await repository.GitAsync("checkout", "--quiet", "-b", "main");
        await repository.CommitAllAsync("Initial");
        await repository.GitAsync("push", "--quiet", "origin", "main");
        return repository;
    }

    public Task WriteAsync(string path, string text)
    {
        var file = Clone / path;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return File.WriteAllTextAsync(file, text);
    }

    public string Read(string path) => File.ReadAllText(Clone / path);

    public async Task CommitAllAsync(string message)
    {
        await GitAsync("add", "-A");
        await GitAsync("commit", "--quiet", "-m", message);
    }

    public async Task<string> GitAsync(params string[] arguments) => (await TestGit.RunAsync(Clone, arguments)).Trim();

    public async Task<string> OriginAsync(params string[] arguments) =>
        (await TestGit.RunAsync(Origin, arguments)).Trim();

    /// <summary>Tags and branch heads of a repository: what a refused release must leave as it was.</summary>
    public async Task<string> RefsAsync(string directory) =>
        (await TestGit.RunAsync(directory, "for-each-ref", "--format=%(refname) %(objectname)")).Trim();

    public void Dispose() => _root.Delete(recursive: true);
}
