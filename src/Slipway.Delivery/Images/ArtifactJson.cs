using System.Text.Json.Serialization;
using Slipway.Delivery.Deploy;

namespace Slipway.Delivery.Images;

/// <summary>
/// JSON metadata, made at compile time, for the artifact files a run reads and writes (images.json, relocation-&lt;env&gt;.json, the post-renderer's plan):
/// reading them at startup costs no reflection.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<BuiltImage>))]
[JsonSerializable(typeof(BuiltImage))]
[JsonSerializable(typeof(List<Relocation>))]
[JsonSerializable(typeof(RelocationPlan))]
internal sealed partial class ArtifactJson : JsonSerializerContext;
