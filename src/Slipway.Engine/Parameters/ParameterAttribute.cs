namespace Slipway.Engine;

/// <summary>Marks a field or property whose value comes from the command line, the environment or .nuke/parameters*.json.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;
    /// <summary>Overrides the member name (and so the --option and variable names).</summary>
    public string? Name { get; init; }
}

/// <summary>The parameter's value is masked as **** in every output of the build.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
