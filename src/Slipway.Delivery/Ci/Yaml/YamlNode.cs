using System.Diagnostics.CodeAnalysis;

namespace Slipway.Delivery.Ci.Yaml;

/// <summary>A node of a generated YAML document: <see cref="YamlScalar"/>, <see cref="YamlSequence"/> or <see cref="YamlMapping"/>.</summary>
public abstract class YamlNode
{
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator YamlNode?(string? value) => value == null ? null : new YamlScalar(value);
}
