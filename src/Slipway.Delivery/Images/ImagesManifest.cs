using System.Text.Json;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

/// <summary>
/// artifacts/images.json: the images a run built or reused, passed from PushImage to BumpValues and the deploy targets;
/// and artifacts/images/&lt;component&gt;.json, the same one record per image, so that CI jobs building one component
/// each hand theirs on side by side (a job needing several gets every record).
/// </summary>
public static class ImagesManifest
{
    /// <summary>Replaces the records in <paramref name="directory"/> with one file per image.</summary>
    public static void WriteRecords(string directory, IReadOnlyList<BuiltImage> images)
    {
        if (Directory.Exists(directory))
            foreach (var old in Directory.GetFiles(directory, "*.json")) File.Delete(old);
        Directory.CreateDirectory(directory);
        foreach (var image in images)
            File.WriteAllText(Path.Combine(directory, image.Component + ".json"),
                JsonSerializer.Serialize(image, ArtifactJson.Default.BuiltImage) + "\n");
    }

    /// <summary>
    /// Every image of the run: images.json and the per-component records (a record wins for its component); null when
    /// there is neither, i.e. no PushImage ran.
    /// </summary>
    public static IReadOnlyList<BuiltImage>? ReadAll(string imagesFile, string recordsDirectory)
    {
        var records = Directory.Exists(recordsDirectory)
            ? Directory.GetFiles(recordsDirectory, "*.json").Order(StringComparer.Ordinal).Select(ReadRecord).ToList()
            : null;
        if (records == null && !File.Exists(imagesFile)) return null;
        var listed = File.Exists(imagesFile) ? Read(imagesFile) : [];
        return listed.Where(i => records?.All(r => r.Component != i.Component) ?? true)
            .Concat(records ?? []).OrderBy(i => i.Component, StringComparer.Ordinal).ToList();
    }

    private static BuiltImage ReadRecord(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), ArtifactJson.Default.BuiltImage)
                   ?? throw new TargetFailedException($"{file} is empty: run PushImage again.");
        }
        catch (JsonException e)
        {
            throw new TargetFailedException($"{file} is not a valid image record: {e.Message}");
        }
    }

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
