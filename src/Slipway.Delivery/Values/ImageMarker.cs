using System.Text.RegularExpressions;

namespace Slipway.Delivery.Values;

/// <summary>
/// A marker comment naming the image a scalar holds. Two forms are read:
/// Flux's setter, <c># {"$imagepolicy": "namespace:policy"}</c> (the whole reference) or with a <c>:tag</c>,
/// <c>:name</c> or <c>:digest</c> suffix; and Slipway's, <c># slipway:image=component</c> (the tag) or with a
/// <c>:tag</c>, <c>:digest</c>, <c>:tag@digest</c>, <c>:name</c> or <c>:image</c> suffix.
/// </summary>
internal sealed partial record ImageMarker(string Component, string? Namespace, MarkerPart Part)
{
    public static ImageMarker? Parse(string comment)
    {
        if (FluxSetter().Match(comment) is { Success: true } flux)
            return new ImageMarker(flux.Groups["name"].Value, flux.Groups["ns"].Value, PartOf(flux.Groups["part"], MarkerPart.Image));
        if (SlipwayMarker().Match(comment) is { Success: true } slipway)
            return new ImageMarker(slipway.Groups["component"].Value, null, PartOf(slipway.Groups["part"], MarkerPart.Tag));
        return null;
    }

    /// <summary>True for the component's name, or for a Flux policy also <c>namespace:policy</c>.</summary>
    public bool IsFor(string component) =>
        component == Component || (Namespace != null && component == Namespace + ":" + Component);

    private static MarkerPart PartOf(Group suffix, MarkerPart unsuffixed) => !suffix.Success ? unsuffixed
        : suffix.Value == "tag@digest" ? MarkerPart.TagAndDigest
        : Enum.Parse<MarkerPart>(suffix.Value, ignoreCase: true);

    [GeneratedRegex("""\{\s*"\$imagepolicy"\s*:\s*"(?<ns>[^":\s]+):(?<name>[^":\s]+)(?::(?<part>tag|name|digest))?"\s*\}""")]
    private static partial Regex FluxSetter();

    [GeneratedRegex("""
        (?<![\w-])slipway:image=(?<component>[^\s:]+)(?::(?<part>tag@digest|tag|digest|name|image))?(?![\w:@])
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SlipwayMarker();
}
