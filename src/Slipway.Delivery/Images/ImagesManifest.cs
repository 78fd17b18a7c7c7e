using System.Text.Json;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>artifacts/images.json: the images a run built or reused, passed from PushImage to BumpValues and the deploy targets.</summary>
public static class ImagesManifest
{
    public static void Write(string file, IReadOnlyList<BuiltImage> images)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(images.OrderBy(i => i.Component, StringComparer.Ordinal).ToList(), ArtifactJson.Default.ListBuiltImage) + "\n");
    }

    public static IReadOnlyList<BuiltImage> Read(string file)
    {
        if (!File.Exists(file))
            throw new TargetFailedException($"{file} does not exist: run PushImage first (or pass the images another way).");
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), ArtifactJson.Default.ListBuiltImage) ?? [];
        }
        catch (JsonException e)
        {
            throw new TargetFailedException($"{file} is not a valid images file: {e.Message}");
        }
    }
}
