using System.Text.Json;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>What the post-renderer needs: the target registry and, for each relocated image, its pinned copy there.</summary>
public sealed record RelocationPlan(string Target, Dictionary<string, string> Images)
{
    /// <summary>From Retag's record of this environment (artifacts/relocation-&lt;env&gt;.json).</summary>
    public static RelocationPlan From(ImageRegistry target, AbsolutePath relocationFile)
    {
        if (!relocationFile.FileExists)
            throw new TargetFailedException($"{relocationFile} does not exist: run Retag for this environment before deploying it.");
        var relocations = Read(relocationFile, ArtifactJson.Default.ListRelocation) ?? [];
        // a record of a relocation into another registry or prefix (an earlier run's) relocates nothing here
        var into = relocations.Where(r => target.Holds(r.Target)).DistinctBy(r => r.Source);
        return new RelocationPlan(target.ToString(), into.ToDictionary(r => r.Source, r => r.Target, StringComparer.Ordinal));
    }

    public static RelocationPlan ReadFile(string file) =>
        Read(file, ArtifactJson.Default.RelocationPlan) ?? throw new TargetFailedException($"{file} holds no relocation plan.");

    // methods, not properties: the serializer writes every public property
    public string ToJson() => JsonSerializer.Serialize(this, ArtifactJson.Default.RelocationPlan);

    public ManifestRelocation ToRelocation() => new(ImageRegistry.Parse(Target), Images);

    private static T? Read<T>(string file, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), type);
        }
        catch (JsonException e)
        {
            throw new TargetFailedException($"{file} is not valid: {e.Message}");
        }
    }
}
