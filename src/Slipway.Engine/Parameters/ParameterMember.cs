using System.Reflection;

namespace Slipway.Engine;

/// <summary>One declared parameter: a field or property of the build (injected) or of a component interface (read on demand).</summary>
public sealed class ParameterMember
{
    internal ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        Member = member;
        Name = attribute.Name ?? member.Name;
        Description = attribute.Description;
        IsSecret = member.GetCustomAttribute<SecretAttribute>() != null;
        Variables = attribute.Variables;
        Type = member switch
        {
            FieldInfo f => f.FieldType,
            PropertyInfo p => p.PropertyType,
            _ => throw new ArgumentException(member.Name),
        };
    }

    public string Name { get; }
    public string? Description { get; }
    public bool IsSecret { get; }
    public ParameterVariables Variables { get; }
    public Type Type { get; }
    internal MemberInfo Member { get; }
    public string Key => ParameterNames.Normalize(Name);
    public string CliName => "--" + ParameterNames.Kebab(Name);
    public string EnvironmentName => ParameterNames.Screaming(Name);
    public bool IsFlag => ParameterConverter.UnderlyingType(Type) == typeof(bool);

    /// <summary>True when the member can be written (a field, or a property with a setter or auto-property backing field).</summary>
    internal bool IsInjectable => Target() != null;

    internal object? Read(object build) => Member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo p => p.GetValue(build),
        _ => null,
    };

    internal void Write(object build, object? value)
    {
        switch (Target())
        {
            case FieldInfo f: f.SetValue(build, value); break;
            case PropertyInfo p: p.SetValue(build, value); break;
        }
    }

    private MemberInfo? Target() => Member switch
    {
        FieldInfo f when !f.IsLiteral => f,
        PropertyInfo { CanWrite: true } p => p,
        PropertyInfo p when !p.DeclaringType!.IsInterface =>
            p.DeclaringType.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic),
        _ => null,
    };
}
