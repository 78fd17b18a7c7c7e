using Slipway.Delivery.Charts;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>Packs NuGet packages (and their symbols) into artifacts/packages, at the VERSION file's version.</summary>
public interface IPack : IHazSolution
{
    /// <summary>The projects to pack.</summary>
    IReadOnlyList<AbsolutePath> PackedProjects { get; }

    AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    Target Pack => _ => _
        .Description("Pack the packages (and their .snupkg symbols) into artifacts/packages, version from VERSION")
        .Executes(async ct =>
        {
            var version = ChartVersions.Read(RootDirectory);
            var output = PackagesDirectory.CleanDirectory();
            var epoch = await SourceDateEpochAsync(ct);
            foreach (var project in PackedProjects)
            {
                // ContinuousIntegrationBuild: no path of this machine in the assemblies and symbols;
                // SOURCE_DATE_EPOCH: the packages' file dates, so the same commit packs to the same bytes
                await ProcessRunner.RunAsync("dotnet",
                    ["pack", project, "--configuration", "Release", "--output", output, "--nologo",
                     $"-p:Version={version}", "-p:ContinuousIntegrationBuild=true", "-p:SlipwayPack=true"],
                    new ProcessOptions
                    {
                        WorkingDirectory = RootDirectory,
                        LogOutput = false,
                        Environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = epoch },
                    }, ct);
            }
            var packages = Directory.GetFiles(output, "*.nupkg").Order(StringComparer.Ordinal).ToList();
            Log.Success($"Packed {packages.Count} packages at {version} into {output.RelativeTo(RootDirectory)}: " +
                        string.Join(", ", packages.Select(Path.GetFileName)));
        });

    /// <summary>SOURCE_DATE_EPOCH as given, else the time of the checked-out commit (null outside git).</summary>
    private async Task<string?> SourceDateEpochAsync(CancellationToken ct)
    {
        if (EnvironmentVariables.TryGetValue("SOURCE_DATE_EPOCH", out var given) && !string.IsNullOrEmpty(given))
            return given;
        var commit = await ProcessRunner.RunAsync("git", ["log", "-1", "--pretty=%ct"], new ProcessOptions
        {
            WorkingDirectory = RootDirectory, LogOutput = false, LogInvocation = false, AllowFailure = true,
        }, ct);
        return commit.Succeeded && commit.StandardOutput.Trim() is { Length: > 0 } time ? time : null;
    }
}
