using Slipway.Delivery.Stack;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.Adoption;

/// <summary>
/// A repository of a team adopting Slipway, in its own temporary folder: two plain ASP.NET Core services made by
/// `dotnet new web`, a git history, and a NuGet feed of this repository's packed artifacts/packages (nuget.org for
/// the rest). Commands run there with their own NuGet cache and template hive, and
/// share this repository's running local stack (SLIPWAY_STACK_HOME).
/// </summary>
internal sealed class AdoptedRepository : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("slipway-adopter-").FullName;

    public AbsolutePath Root => AbsolutePath.From(Path.Combine(_home, "shop"));
    public string Packages => Path.Combine(RepositoryRoot.Path, "artifacts", "packages");
    private string TemplateHive => Path.Combine(_home, "template-hive");

    public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = Path.Combine(_home, "nuget-packages"),
        [LocalStackFiles.HomeVariable] = new LocalStackFiles(AbsolutePath.From(RepositoryRoot.Path)).State,
        ["GITLAB_CI"] = null,
        ["GITHUB_ACTIONS"] = null,
    };

    public async Task CreateAsync()
    {
        Directory.CreateDirectory(Root);
        await RunAsync("git", "init", "--quiet", "--initial-branch", "main");
        await NewWebServiceAsync("Storefront");
        await NewWebServiceAsync("Catalog.Api");
        await File.WriteAllTextAsync(Root / "nuget.config", NugetConfig());
        await CommitAsync("two services");
    }

    /// <summary>A plain ASP.NET Core service in src/&lt;name&gt;/ (no Dockerfile).</summary>
    public Task NewWebServiceAsync(string name) =>
        RunAsync("dotnet", "new", "web", "--name", name, "--output", $"src/{name}", "--no-restore");

    public Task<ProcessResult> InstallTemplateAsync() =>
        RunAsync("dotnet", "new", "install", Path.Combine(Packages, $"Slipway.Templates.{Version}.nupkg"),
            "--debug:custom-hive", TemplateHive);

    public Task<ProcessResult> NewSlipwayAsync(params string[] options) =>
        RunAsync("dotnet", ["new", "slipway", .. options, "--debug:custom-hive", TemplateHive], allowFailure: true);

    public Task<ProcessResult> BuildAsync(params string[] args) =>
        RunAsync((Root / "build.sh").Value, [.. args, "--no-logo"], allowFailure: true);

    public async Task CommitAsync(string message)
    {
        await RunAsync("git", "add", "--all");
        await RunAsync("git", "-c", "user.name=Adopter", "-c", "user.email=adopter@example.com", "commit", "--quiet",
            "--message", message);
    }

    public static string Version => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "VERSION")).Trim();

    /// <summary>Slipway's packages from the packed feed, the others from nuget.org, as an adopter has it.</summary>
    private string NugetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="slipway" value="{Packages}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="slipway"><package pattern="Slipway.*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>

        """;

    private Task<ProcessResult> RunAsync(string program, params string[] args) => RunAsync(program, args, false);

    private Task<ProcessResult> RunAsync(string program, string[] args, bool allowFailure) =>
        ProcessRunner.RunAsync(program, args, new ProcessOptions
        {
            WorkingDirectory = Root,
            LogOutput = false,
            LogInvocation = false,
            AllowFailure = allowFailure,
            Timeout = TimeSpan.FromMinutes(10),
            Environment = Variables,
        });

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
