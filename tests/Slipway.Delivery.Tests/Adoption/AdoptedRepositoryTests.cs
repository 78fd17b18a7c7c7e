using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Adoption;

/// <summary>
/// Slipway adopted by another repository, from the packages only: `./build.sh Pack` here; there, two plain
/// `dotnet new web` services, `dotnet new install` of the template package, `dotnet new slipway`, then
/// `./build.sh DeployApps --env local` builds, pushes and deploys both to the local stack, and a second run changes
/// nothing; `./build.sh GenerateCi --check` passes there.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed partial class AdoptedRepositoryTests(LocalStackFixture stack) : IDisposable
{
    private const string Namespace = "adopt-local";
    private static readonly string[] Libraries = ["Slipway.Engine", "Slipway.Delivery", "Slipway.LocalStack"];
    private readonly AdoptedRepository _repository = new();

    [Fact]
    public async Task A_repository_of_two_web_services_adopts_slipway_and_deploys_them_to_the_local_stack()
    {
        await PackTwiceAsync();
        PackagesAreComplete();
        await _repository.CreateAsync();

        await _repository.InstallTemplateAsync();
        var adopt = await _repository.NewSlipwayAsync("--entity-namespace", "adopt", "--registry",
            "registry.adopter.example", "--allow-scripts", "yes");

        adopt.ExitCode.Should().Be(0, Text(adopt));
        var components = File.ReadAllText(_repository.Root / "build" / "Build.Components.cs");
        components.Should().Contain("App(\"catalog-api\", \"src/Catalog.Api/Catalog.Api.csproj\")")
            .And.Contain("App(\"storefront\",  \"src/Storefront/Storefront.csproj\")");
        foreach (var file in new[] { "src/Storefront/Dockerfile", "src/Catalog.Api/Dockerfile", "build.sh", "build.ps1",
                     "global.json", ".nuke/parameters.json", "charts/apps/components/storefront/Chart.yaml",
                     "deploy/values/components/catalog-api.yaml", ".gitlab-ci.yml", ".github/workflows/delivery.yml" })
            File.Exists(_repository.Root / file).Should().BeTrue(file);
        File.ReadAllText(_repository.Root / "charts/apps/components/storefront/Chart.yaml").Should()
            .Contain("repository: oci://registry.adopter.example/slipway/charts");
        RestoredFromPackages();
        await _repository.CommitAsync("Slipway");

        try
        {
            var deploy = await _repository.BuildAsync("DeployApps", "--env", "local");

            deploy.ExitCode.Should().Be(0, Text(deploy));
            foreach (var component in new[] { "catalog-api", "storefront" })
            {
                var deployment = await stack.Kubernetes.GetAsync(
                    $"/apis/apps/v1/namespaces/{Namespace}/deployments/{component}");
                deployment["status"]!["readyReplicas"]!.GetValue<int>().Should().Be(1, component);
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var addresses = AnswersAt().Matches(ConsoleText.OneLine(deploy.StandardOutput))
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            addresses.Keys.Should().BeEquivalentTo(["catalog-api", "storefront"]);
            foreach (var address in addresses.Values)
                (await http.GetStringAsync(address)).Should().Be("Hello World!");

            var again = await _repository.BuildAsync("DeployApps", "--env", "local");

            again.ExitCode.Should().Be(0, Text(again));
            var images = JsonNode.Parse(File.ReadAllText(_repository.Root / "artifacts" / "images.json"))!.AsArray();
            images.Select(i => i!["rebuilt"]!.GetValue<bool>()).Should().Equal(false, false);
            var report = JsonNode.Parse(File.ReadAllText(_repository.Root / "artifacts" / "deploy-local.json"))!;
            var release = report["releases"]!.AsArray().Single()!;
            (release["result"]!.GetValue<string>(), release["revisionAfter"]!.GetValue<int>()).Should()
                .Be(("unchanged", 1));

            var check = await _repository.BuildAsync("GenerateCi", "--check");
            check.ExitCode.Should().Be(0, Text(check));

            await AThirdServiceGetsItsFilesAndTheLineToAddAsync(components);
        }
        finally
        {
            // gone before the next test: pods still stopping when the stack is stopped leave their network behind
            await stack.Kubernetes.DeleteAsync($"/api/v1/namespaces/{Namespace}");
            await KubernetesWait.UntilGoneAsync(stack.Kubernetes, $"/api/v1/namespaces/{Namespace}",
                TimeSpan.FromMinutes(2));
        }
    }

    /// <summary>Adopt after a new service: its files written, its chart in the umbrella, its line named.</summary>
    private async Task AThirdServiceGetsItsFilesAndTheLineToAddAsync(string components)
    {
        await _repository.NewWebServiceAsync("Mailer");

        var again = await _repository.BuildAsync("Adopt");

        again.ExitCode.Should().Be(0, Text(again));
        ConsoleText.OneLine(again.StandardOutput).Should()
            .Contain("src/Mailer/Mailer.csproj is not in build/Build.Components.cs: add App(\"mailer\", " +
                     "\"src/Mailer/Mailer.csproj\") there")
            .And.MatchRegex(@"kept\s+src/Storefront/Dockerfile").And.MatchRegex(@"written\s+src/Mailer/Dockerfile");
        File.ReadAllText(_repository.Root / "build" / "Build.Components.cs").Should().Be(components);
        File.Exists(_repository.Root / "charts/apps/components/mailer/Chart.yaml").Should().BeTrue();
        Slipway.Delivery.Deploy.ChartDependency.Of(_repository.Root / "charts" / "apps").Select(d => d.Name).Should()
            .Equal("catalog-api", "storefront", "mailer");
    }

    /// <summary>The same commit packs to the same bytes.</summary>
    private async Task PackTwiceAsync()
    {
        var first = await BuildCommand.RunAsync("Pack");
        first.ExitCode.Should().Be(0, Text(first));
        var hashes = PackageHashes();
        var second = await BuildCommand.RunAsync("Pack");
        second.ExitCode.Should().Be(0, Text(second));
        PackageHashes().Should().Equal(hashes);
    }

    private Dictionary<string, string> PackageHashes() =>
        Directory.GetFiles(_repository.Packages).ToDictionary(f => Path.GetFileName(f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>Readme, licence, symbols, versions; no path of this machine anywhere inside.</summary>
    private void PackagesAreComplete()
    {
        var version = AdoptedRepository.Version;
        var machinePath = Encoding.UTF8.GetBytes(RepositoryRoot.Path);
        foreach (var library in Libraries)
        {
            using var package = ZipFile.OpenRead(Path.Combine(_repository.Packages, $"{library}.{version}.nupkg"));
            package.Entries.Select(e => e.FullName).Should()
                .Contain(["README.md", "LICENSE", $"lib/net10.0/{library}.dll", $"{library}.nuspec"]);
            using var symbols = ZipFile.OpenRead(Path.Combine(_repository.Packages, $"{library}.{version}.snupkg"));
            symbols.Entries.Select(e => e.FullName).Should().Contain($"lib/net10.0/{library}.pdb");
            foreach (var entry in package.Entries.Concat(symbols.Entries))
                Contains(Read(entry), machinePath).Should().BeFalse($"{library}: {entry.FullName}");
            // a portable PDB stores a path in parts: its documents are read whole
            using var pdb = System.Reflection.Metadata.MetadataReaderProvider.FromPortablePdbImage(
                [.. Read(symbols.GetEntry($"lib/net10.0/{library}.pdb")!)]);
            var reader = pdb.GetMetadataReader();
            reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).Should()
                .NotBeEmpty().And.OnlyContain(name => name.StartsWith("/_/", StringComparison.Ordinal));
        }
        using var template = ZipFile.OpenRead(Path.Combine(_repository.Packages, $"Slipway.Templates.{version}.nupkg"));
        Encoding.UTF8.GetString(Read(template.GetEntry("content/slipway/build/_build.csproj")!))
            .Should().Contain($"<SlipwayVersion>{version}</SlipwayVersion>");
    }

    /// <summary>The adopter's build restored Slipway as packages, none as a project of this repository.</summary>
    private void RestoredFromPackages()
    {
        var assets = JsonNode.Parse(File.ReadAllText(
            _repository.Root / ".nuke" / "temp" / "bootstrap" / "obj" / "_build" / "project.assets.json"))!;
        var libraries = assets["libraries"]!.AsObject();
        foreach (var library in Libraries)
            libraries[$"{library}/{AdoptedRepository.Version}"]!["type"]!.GetValue<string>().Should().Be("package");
        libraries.Select(l => l.Value!["type"]!.GetValue<string>()).Should().OnlyContain(t => t == "package");
    }

    private static string Text(Slipway.Engine.ProcessResult result) =>
        string.Join('\n', result.Output.Select(l => l.Text));

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [GeneratedRegex(@"(\S+) answers at (http://\S+)")]
    private static partial Regex AnswersAt();

    public void Dispose() => _repository.Dispose();
}
