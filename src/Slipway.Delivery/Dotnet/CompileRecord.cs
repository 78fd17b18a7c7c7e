using System.Text.Json;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>
/// What the last successful build of each project was made from (inputs digest) and what it left (output stamps),
/// kept per configuration in the build's temporary folder.
/// </summary>
public sealed class CompileRecord
{
    public Dictionary<string, ProjectBuild> Projects { get; init; } = new(StringComparer.Ordinal);

    /// <param name="Restore">The digest of what restore read (<see cref="ProjectDigests.Restore"/>).</param>
    public sealed record ProjectBuild(string Inputs, string Restore, IReadOnlyList<string> Outputs);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static CompileRecord Load(AbsolutePath file)
    {
        if (!File.Exists(file)) return new CompileRecord();
        try
        {
            return JsonSerializer.Deserialize<CompileRecord>(File.ReadAllText(file), Json) ?? new CompileRecord();
        }
        catch (JsonException)
        {
            return new CompileRecord(); // unreadable: everything builds, and the record is written anew
        }
    }

    public void Save(AbsolutePath file)
    {
        Directory.CreateDirectory(file.Parent);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>Built from these inputs, and its outputs are still those that build left.</summary>
    public bool IsCurrent(string project, string inputs, IReadOnlyList<string> outputs) =>
        Projects.TryGetValue(project, out var built) && built.Inputs == inputs && outputs.Count > 0 &&
        built.Outputs.SequenceEqual(outputs, StringComparer.Ordinal);

    /// <summary>Restored from these project and build files, so building it again needs no restore.</summary>
    public bool IsRestored(string project, string restore) =>
        Projects.TryGetValue(project, out var built) && built.Restore == restore;
}
