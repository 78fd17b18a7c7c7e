namespace Slipway.Delivery.GitOps;

/// <summary>
/// One component's new tag and where it goes in the deployment repository: <see cref="ValuesFile"/> relative to its
/// root, at <see cref="Key"/> when given (else the value marked for the component, else the default key).
/// </summary>
public sealed record TagBump(string Component, string Tag, string ValuesFile, string? Key = null)
{
    /// <summary>Where a component's tag lives unless told otherwise.</summary>
    public const string DefaultValuesFile = "deploy/values/components/{component}.yaml";

    /// <summary>The key path of the tag in the default values file.</summary>
    public const string DefaultKey = "{component}.image.tag";

    /// <summary>Names the component's image may have in a kustomization's <c>images:</c> list (the first is used for a new entry).</summary>
    public IReadOnlyList<string> ImageNames { get; init; } = [Component];

    /// <summary>A bump with <c>{component}</c> in <paramref name="valuesFile"/> and <paramref name="key"/> replaced by the component's name.</summary>
    public static TagBump For(string component, string tag, string? valuesFile = null, string? key = null) =>
        new(component, tag, Expand(valuesFile ?? DefaultValuesFile, component), key == null ? null : Expand(key, component));

    private static string Expand(string template, string component) => template.Replace("{component}", component, StringComparison.Ordinal);

    public override string ToString() => $"{Component} → {Tag} in {ValuesFile}" + (Key != null ? $" at {Key}" : "");
}
