using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Dockerfiles;

/// <summary>
/// Each app published as the build does before <c>docker build</c> (<c>dotnet publish</c>), into a temp folder
/// instead of &lt;app&gt;/publish, reusing the build this test run was compiled with (<c>--no-build</c>).
/// </summary>
public sealed class PublishedAppsFixture : IAsyncLifetime
{
    readonly TempDirectory _root = new("slipway-apps-publish");
    readonly Dictionary<string, string> _directories = [];

    public string DirectoryOf(string app) => _directories[app];

    public async Task InitializeAsync()
    {
        foreach (var app in AppImage.All)
        {
            var output = _root.PathOf(app.Folder);
            var csproj = Directory.GetFiles(Repo.AppDirectory(app.Folder), "*.csproj").Single();
            var result = await Tool.RunAsync("dotnet", ["publish", csproj, "--no-build", "-c", Repo.BuildConfiguration, "-o", output, "--nologo"],
                timeout: TimeSpan.FromMinutes(3));
            if (result.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed: " + result);
            _directories[app.Folder] = output;
        }
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
