using System.Text.Json;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>The .NET SDK version a repository's global.json pins.</summary>
public static class GlobalJson
{
    /// <summary><c>sdk.version</c>, or null when the file is absent or pins none.</summary>
    public static string? SdkVersion(AbsolutePath file)
    {
        if (!file.FileExists) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.TryGetProperty("sdk", out var sdk) &&
                   sdk.TryGetProperty("version", out var version)
                ? version.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new BuildDefinitionException(
                $"{file} is not valid JSON ({e.Message}): fix it, the SDK version comes from it.");
        }
    }
}
