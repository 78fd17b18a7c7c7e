namespace Slipway.Delivery.Ci.Yaml;

/// <summary>
/// A value: a string the emitter writes plain or quoted so that it reads back as exactly this text, or a literal
/// (a boolean or number) written as is.
/// </summary>
public sealed class YamlScalar(string value, bool isLiteral = false) : YamlNode
{
    public string Value { get; } = value;
    public bool IsLiteral { get; } = isLiteral;

    public static YamlScalar True { get; } = new("true", isLiteral: true);
    public static YamlScalar False { get; } = new("false", isLiteral: true);

    public static YamlScalar Bool(bool value) => value ? True : False;
}
