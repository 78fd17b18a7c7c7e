namespace Slipway.Engine;

/// <summary>Marks a field or property whose value comes from the command line, the environment or .nuke/parameters*.json.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;
    /// <summary>Overrides the member name (and so the --option and variable names).</summary>
    public string? Name { get; init; }
    /// <summary>Which environment variables may set it: NAME and SLIPWAY_NAME (default), only SLIPWAY_NAME, or none.</summary>
    public ParameterVariables Variables { get; init; } = ParameterVariables.Any;
}

/// <summary>
/// Generic names (TAG, KEY, FORCE) are common variables in CI jobs: such parameters should only answer to their
/// SLIPWAY_ prefixed variable; some only to the command line and parameters files.
/// </summary>
public enum ParameterVariables
{
    Any,
    PrefixedOnly,
    None,
}

/// <summary>The parameter's value is masked as **** in every output of the build.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
