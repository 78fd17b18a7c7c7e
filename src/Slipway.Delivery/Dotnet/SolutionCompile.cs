using System.Text.Json;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>
/// Builds a solution's projects whose inputs or outputs changed since their last successful build, and only those
/// (with what they reference): MSBuild is not started at all when every project is current.
/// </summary>
public sealed class SolutionCompile(AbsolutePath solution, string configuration, AbsolutePath recordsDirectory)
{
    private AbsolutePath Root => solution.Parent;
    private AbsolutePath RecordFile => recordsDirectory / $"{configuration}.json";

    /// <returns>The projects built (relative to the solution's folder); empty when nothing needed to build.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        var projects = SolutionProjects.Read(solution);
        var sdks = ProjectCompileInputs.InstalledSdks();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string ContentHash(string file) =>
            hashes.TryGetValue(file, out var hash) ? hash : hashes[file] = DotnetSources.Sha256(file);
        var inputs = projects.ToDictionary(p => p,
            p => ProjectCompileInputs.Digest(p, Root, configuration, sdks, ContentHash));
        var record = CompileRecord.Load(RecordFile);
        var stale = projects
            .Where(p => !record.IsCurrent(Key(p), inputs[p].Inputs, ProjectOutputs.Stamps(p, Root, configuration)))
            .ToList();
        if (stale.Count == 0)
        {
            Log.Information($"Compile: none of the {projects.Count} projects changed since its last build " +
                            $"({configuration}): MSBuild not started");
            return [];
        }

        Log.Information(stale.Count == projects.Count
            ? $"Compile: building all {projects.Count} projects ({configuration})"
            : $"Compile: {stale.Count} of {projects.Count} projects changed since their last build, building them: " +
              string.Join(", ", stale.Select(Key)));
        // restore reads only project and build files: when those of every project to build are as last restored
        // (and its assets file is there), MSBuild skips it
        var restored = stale.All(p => record.IsRestored(Key(p), inputs[p].Restore) &&
                                      File.Exists(p.Parent / "obj" / "project.assets.json"));
        await ProcessRunner.RunAsync("dotnet",
            ["build", stale.Count == projects.Count ? solution : WriteFilter(stale), "--configuration", configuration,
             "--nologo", .. restored ? ["--no-restore"] : Array.Empty<string>()],
            new ProcessOptions { WorkingDirectory = Root }, ct);

        // every project is now built from its current inputs: the ones just built, and the others, which were current
        foreach (var project in projects)
            record.Projects[Key(project)] =
                new CompileRecord.ProjectBuild(inputs[project].Inputs, inputs[project].Restore,
                    ProjectOutputs.Stamps(project, Root, configuration));
        record.Save(RecordFile);
        return stale.Select(Key).ToList();
    }

    private string Key(AbsolutePath project) => Path.GetRelativePath(Root, project).Replace('\\', '/');

    /// <summary>A solution filter (.slnf) naming the projects to build: one MSBuild run builds them together.</summary>
    private AbsolutePath WriteFilter(IReadOnlyList<AbsolutePath> projects)
    {
        var filter = recordsDirectory / $"{configuration}-changed.slnf";
        Directory.CreateDirectory(recordsDirectory);
        File.WriteAllText(filter, JsonSerializer.Serialize(new
        {
            solution = new
            {
                path = Path.GetRelativePath(recordsDirectory, solution).Replace('\\', '/'),
                projects = projects.Select(Key).ToList(),
            },
        }));
        return filter;
    }
}
